namespace Cilock.Sdk.TestingPlatform;

/// <summary>An expected launcher failure with its CIL code; printed as <c>cilock: error CILnnnn: message</c>.</summary>
internal sealed class LauncherException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}
