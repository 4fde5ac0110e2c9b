// A real OpenID Connect provider (npm oidc-provider) for the single sign-on test, on 127.0.0.1 only.
// PORT, REDIRECT_URI, CLIENT_ID and CLIENT_SECRET come from the environment; every user logs in with any
// password through the provider's own development log-in form. Roles per user are fixed below.
import Provider from "oidc-provider";

const port = Number(process.env.PORT);
const ROLES = {
  "kommun.anna": ["Pitea.Lasare", "Ovrigt"],
  "kommun.utan.roll": ["Ovrigt"],
};

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: [process.env.REDIRECT_URI],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  claims: { openid: ["sub"], profile: ["name", "preferred_username", "roles"] },
  conformIdTokenClaims: false,
  cookies: { keys: ["styrkedjan-test-only"] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, name: id, preferred_username: id, roles: ROLES[id] || [] };
      },
    };
  },
});
provider.listen(port, "127.0.0.1", () => console.log("ready"));
