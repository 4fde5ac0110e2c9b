"""Single sign-on with OpenID Connect (Authlib's Flask client): on when STYRKEDJAN_OIDC_ISSUER is set.

The provider's discovery document gives the endpoints; the code flow uses PKCE (S256), state and nonce. The
claim STYRKEDJAN_OIDC_ROLE_CLAIM (a string or a list) is mapped to a role, municipalities and committees by
STYRKEDJAN_OIDC_ROLE_MAP: `VALUE=role[:kommun,kommun[:namnd,namnd]]` entries separated by `;`. Several matching
values add up (the highest role, every municipality and committee); no matching value, no log-in.
"""

from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import redirect, request, session, url_for

from accounts import audit, store, web
from data import settings

RANK = {"reader": 1, "submitter": 2, "admin": 3}
CLIENT = "sso"


def parse_role_map(text: str) -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """'P.SN=submitter:2581:SN;X=admin' -> {'P.SN': ('submitter', ('2581',), ('SN',)), 'X': ('admin', (), ())}."""
    mapping = {}
    for entry in filter(None, (part.strip() for part in text.split(";"))):
        value, _, grant = entry.partition("=")
        role, _, rest = grant.strip().partition(":")
        municipalities, _, committees = rest.partition(":")
        if role not in RANK or not value.strip():
            raise ValueError(f"STYRKEDJAN_OIDC_ROLE_MAP: ogiltig post {entry!r}")
        split = lambda codes: tuple(c.strip() for c in codes.split(",") if c.strip())  # noqa: E731
        mapping[value.strip()] = (role, split(municipalities), split(committees))
    return mapping


def grant(claims: dict, claim: str, mapping: dict) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
    """The role, municipalities and committees the claim's values give, or None when none of them is mapped."""
    values = claims.get(claim) or []
    values = [values] if isinstance(values, str) else [v for v in values if isinstance(v, str)]
    grants = [mapping[v] for v in values if v in mapping]
    if not grants:
        return None
    role = max((g[0] for g in grants), key=RANK.__getitem__)
    municipalities = sorted({code for g in grants for code in g[1]})
    committees = sorted({code for g in grants for code in g[2]})
    return role, tuple(municipalities), tuple(committees)


def _refuse(oauth_name: str, why: str, who: str = ""):
    audit.record("login_failed", target=who, detail=f"kommunens inloggning: {why}", who=who or "(okänd)")
    return web.login_page(f"Inloggningen via {oauth_name} gick inte: {why}", 401)


def install(server) -> None:
    """Register the provider and the routes /login/sso (start) and /login/sso/callback (return)."""
    config = settings.oidc()
    mapping = parse_role_map(config["role_map"])
    oauth = OAuth(server)
    oauth.register(
        CLIENT,
        client_id=config["client_id"],
        client_secret=config["client_secret"],
        server_metadata_url=config["issuer"] + "/.well-known/openid-configuration",
        client_kwargs={"scope": config["scope"], "code_challenge_method": "S256"},
    )
    client = oauth.create_client(CLIENT)

    def start():
        session["sso_next"] = web.safe_next(request.args.get("next"))
        return client.authorize_redirect(url_for("sso_callback", _external=True))

    def callback():
        try:
            token = client.authorize_access_token()
        except OAuthError as error:
            return _refuse(config["name"], f"svaret godtogs inte ({error.error})")
        claims = dict(token.get("userinfo") or {})
        if config["claim"] not in claims:
            claims.update(client.userinfo(token=token))
        name = str(claims.get("preferred_username") or claims.get("email") or claims.get("sub") or "")[:100]
        granted = grant(claims, config["claim"], mapping)
        if not name or granted is None:
            return _refuse(config["name"], "kontot har ingen roll i Styrkedjan", name)
        existing = store.get(name)
        if existing is not None and existing.source != "sso":
            return _refuse(config["name"], "namnet används redan av ett lokalt konto", name)
        user = store.update_sso(name, *granted)
        if user.disabled:
            return _refuse(config["name"], "kontot är avstängt", name)
        target = session.get("sso_next", "/")
        web.start_session(user)
        return redirect(target, code=303)

    server.add_url_rule("/login/sso", "sso_login", start)
    server.add_url_rule("/login/sso/callback", "sso_callback", callback)
