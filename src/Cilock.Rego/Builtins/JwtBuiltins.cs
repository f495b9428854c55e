using System.Text;
using Cilock.Rego.Values;
using static Cilock.Rego.Builtins.Args;

namespace Cilock.Rego.Builtins;

/// <summary><c>io.jwt.decode</c>: splits a compact JWS into header, payload and hex signature (no verification).</summary>
internal static class JwtBuiltins
{
    public static void Register(Dictionary<string, BuiltinDef> t)
    {
        t.Add("io.jwt.decode", 1, (_, a) =>
        {
            var parts = Str(a, 0).Split('.');
            if (parts.Length != 3)
            {
                throw new BuiltinException("encoded JWT had no period separators");
            }

            var header = Json(parts[0], "header");
            var payload = Json(parts[1], "payload");
            return new ArrayValue([header, payload, S(Convert.ToHexStringLower(Base64Url(parts[2])))]);
        });
    }

    private static Value Json(string part, string what)
    {
        var json = Encoding.UTF8.GetString(Base64Url(part));
        try
        {
            return ValueJson.Parse(json) is ObjectValue o ? o : throw new BuiltinException($"JWT {what} is not a JSON object");
        }
        catch (FormatException e)
        {
            throw new BuiltinException($"JWT {what}: {e.Message}");
        }
    }

    private static byte[] Base64Url(string s)
    {
        var b = s.Replace('-', '+').Replace('_', '/');
        b = b.PadRight(b.Length + ((4 - (b.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(b);
        }
        catch (FormatException)
        {
            throw new BuiltinException("JWT is not valid base64url");
        }
    }
}
