using Chat.Gateway.Application;
using Chat.Gateway.Observability;

namespace Chat.Gateway.Api;

/// <summary>The caller of an authorized REST request, from the validated token only.</summary>
internal static class RestCaller
{
    public static Caller Caller(this HttpContext context) => context.User.ToCaller(ChatTransport.Rest);
}
