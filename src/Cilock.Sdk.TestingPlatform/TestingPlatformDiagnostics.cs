namespace Cilock.Sdk.TestingPlatform;

/// <summary>
/// The CIL2140–CIL2149 codes of the Microsoft.Testing.Platform test recording (the launcher and its targets).
/// Documented in <c>docs/diagnostics.md</c>; never reuse a code.
/// </summary>
internal static class TestingPlatformDiagnostics
{
    /// <summary>The launcher was started with an unusable command line (the SDK targets pass it; a bug or a hand edit).</summary>
    public const string InvalidLauncherArguments = "CIL2140";

    /// <summary>The test application could not be started.</summary>
    public const string TestAppNotStarted = "CIL2141";

    /// <summary>The test step could not be recorded after the run (MSBuild failed or could not be started).</summary>
    public const string RecordingFailed = "CIL2142";

    /// <summary>The run's command line could not be saved for the recording.</summary>
    public const string CommandNotSaved = "CIL2143";
}
