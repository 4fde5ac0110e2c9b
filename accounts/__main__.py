"""Command line: `python -m accounts add|list|disable|reset-password|log|demo ...`.

Passwords are only ever read from standard input (`--password-stdin`), never from the command line or a default.
Exit code 0 on success, 1 when the change was refused, 2 for usage errors.
"""

import argparse
import secrets
import sys

from accounts import audit, store
from accounts.store import ROLE_LABELS, AccountError

DEMO = (
    ("demo-lasare", "reader", ("2581",), ()),
    ("demo-inlamnare", "submitter", ("2581",), ("SN",)),
    ("demo-admin", "admin", (), ()),
)


def _password(args) -> str:
    if not args.password_stdin:
        raise AccountError("Ange lösenordet på standard in med --password-stdin (det finns inget standardlösenord).")
    return sys.stdin.readline().rstrip("\r\n")


def _describe(user: store.User) -> str:
    where = ",".join(user.municipalities) or "alla kommuner"
    committees = f" nämnder {','.join(user.committees)}" if user.committees else ""
    state = " (avstängt)" if user.disabled else ""
    return f"{user.name}\t{ROLE_LABELS[user.role]}\t{where}{committees}\t{user.source}{state}"


def add(args) -> int:
    """Create an account."""
    user = store.add(args.name, args.role, _password(args), args.kommun, args.namnd)
    audit.record("account_add", target=user.name, detail=_describe(user))
    print(f"Skapade {_describe(user)}")
    return 0


def list_accounts(_args) -> int:
    """Print every account."""
    for user in store.accounts():
        print(_describe(user))
    return 0


def disable(args) -> int:
    """Disable an account."""
    store.disable(args.name)
    audit.record("account_disable", target=args.name)
    print(f"Stängde av {args.name}.")
    return 0


def reset_password(args) -> int:
    """Set a new password."""
    store.reset_password(args.name, _password(args))
    audit.record("account_password", target=args.name)
    print(f"Nytt lösenord för {args.name}; kontot är aktivt.")
    return 0


def show_log(args) -> int:
    """Print the newest audit lines."""
    rows, total = audit.entries(who=args.konto, action=args.handling, text=args.sok, size=args.antal)
    for e in rows:
        print(f"{e.at.isoformat()}\t{e.who}\t{e.label}\t{e.target}\t{e.detail}\t{e.remote}")
    print(f"{len(rows)} av {total} rader.", file=sys.stderr)
    return 0


def demo(_args) -> int:
    """Create the demo accounts (first run) and print them; only for a warehouse that holds demo data."""
    from data import meta
    from data.db import WarehouseError

    try:
        is_demo = meta.info().demo
    except WarehouseError:
        is_demo = False
    if not is_demo:
        raise AccountError("Demokonton skapas bara när lagret innehåller demodata (python -m etl demo).")
    existing = {u.name for u, _ in store.demo_accounts()}
    for name, role, municipalities, committees in DEMO:
        if name not in existing and store.get(name) is None:
            password = secrets.token_urlsafe(9)
            store.add(name, role, password, municipalities, committees, source="demo", demo_password=password)
            audit.record("account_add", target=name, detail="demokonto")
    for user, password in store.demo_accounts():
        print(f"Demokonto {user.name} ({ROLE_LABELS[user.role]}): lösenord {password}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command."""
    parser = argparse.ArgumentParser(prog="python -m accounts", description="Styrkedjan: konton och granskningslogg.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    p = sub.add_parser("add", help="Skapa ett konto.")
    p.add_argument("name", metavar="NAMN")
    p.add_argument("--role", required=True, choices=store.ROLES)
    p.add_argument("--kommun", nargs="*", default=[], metavar="KOD", help="Kommunkod(er) kontot ser.")
    p.add_argument("--namnd", nargs="*", default=[], metavar="KOD", help="Nämndkod(er) en inlämnare lämnar för.")
    p.add_argument("--password-stdin", action="store_true", help="Läs lösenordet från standard in.")
    p.set_defaults(run=add)
    sub.add_parser("list", help="Visa alla konton.").set_defaults(run=list_accounts)
    p = sub.add_parser("disable", help="Stäng av ett konto.")
    p.add_argument("name", metavar="NAMN")
    p.set_defaults(run=disable)
    p = sub.add_parser("reset-password", help="Sätt ett nytt lösenord.")
    p.add_argument("name", metavar="NAMN")
    p.add_argument("--password-stdin", action="store_true", help="Läs lösenordet från standard in.")
    p.set_defaults(run=reset_password)
    p = sub.add_parser("log", help="Visa granskningsloggen, nyast först.")
    p.add_argument("--konto", help="Bara rader för detta konto.")
    p.add_argument("--handling", choices=sorted(audit.ACTIONS), help="Bara denna handling.")
    p.add_argument("--sok", help="Fritext i mål, detaljer eller adress.")
    p.add_argument("--antal", type=int, default=100, help="Högst så många rader (standard 100).")
    p.set_defaults(run=show_log)
    sub.add_parser("demo", help="Skapa demokonton (bara för demolagret) och visa dem.").set_defaults(run=demo)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return args.run(args)
    except AccountError as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
