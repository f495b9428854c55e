using System.Diagnostics;
using System.Text;

namespace Cilock.Sdk.TestingPlatform;

/// <summary>Runs the test app, then records the test step through MSBuild, and returns the app's exit code.</summary>
internal static class Launcher
{
    /// <summary>The MSBuild target that records a finished run (Cilock.TestingPlatform.targets).</summary>
    public const string RecordTarget = "CilockRecordTestingPlatformRun";

    public static int Run(IReadOnlyList<string> args, TextWriter error)
    {
        try
        {
            var options = LauncherOptions.Parse(args);
            var appArguments = TestRunArguments.WithTrxRequest(options.Arguments, options.TrxDirectory, options.TrxFile);
            if (!TestRunArguments.RunsTests(appArguments))
            {
                return RunApp(options.Program, appArguments);
            }

            var workingDirectory = Environment.CurrentDirectory;
            var report = TestRunArguments.ReportPath(appArguments, workingDirectory);

            // A report left by an earlier run must not be recorded as this run's.
            if (report is not null && File.Exists(report))
            {
                File.Delete(report);
            }

            var exitCode = RunApp(options.Program, appArguments);
            try
            {
                SaveCommand(options.CommandFile, TestRunArguments.Recorded(options.Program, appArguments));
                var recorded = Record(options, report, exitCode);
                if (recorded != 0)
                {
                    throw new LauncherException(TestingPlatformDiagnostics.RecordingFailed, $"the test step of '{options.Project}' was not recorded (MSBuild exited with {recorded}; see its errors above)");
                }

                return exitCode;
            }
            catch (LauncherException e)
            {
                // A failing run keeps its own exit code; a passing one must not look green without its evidence.
                error.WriteLine($"cilock: error {e.Code}: {e.Message}");
                return exitCode != 0 ? exitCode : 1;
            }
        }
        catch (LauncherException e)
        {
            error.WriteLine($"cilock: error {e.Code}: {e.Message}");
            return 1;
        }
    }

    /// <summary>The MSBuild command line that records the run (arguments only; the program is the dotnet host).</summary>
    public static IReadOnlyList<string> RecordArguments(LauncherOptions options, string? report, int exitCode)
    {
        List<string> arguments =
        [
            "msbuild", options.Project, $"-t:{RecordTarget}", "-nologo", "-nodeReuse:false", "-v:m", "-tl:off",
            $"-p:Configuration={Escape(options.Configuration)}",
            $"-p:TargetFramework={Escape(options.TargetFramework)}",
            // Referenced projects were built before the tests ran; only their outputs are read here.
            "-p:BuildProjectReferences=false",
            $"-p:_CilockTestRunExitCode={exitCode}",
            $"-p:_CilockTestRunCommandFile={Escape(Path.GetFullPath(options.CommandFile))}",
        ];
        if (options.RuntimeIdentifier is not null)
        {
            arguments.Add($"-p:RuntimeIdentifier={Escape(options.RuntimeIdentifier)}");
        }

        if (report is not null)
        {
            arguments.Add($"-p:_CilockTestRunReport={Escape(report)}");
        }

        return arguments;
    }

    // MSBuild splits -p values on ';' and ',' and expands '%xx', '$(…)' and '@(…)': escape them so paths stay literal.
    internal static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            _ = c is '%' or ';' or ',' or '$' or '@' or '\'' or '(' or ')' or '*' or '?' or '"'
                ? builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture))
                : builder.Append(c);
        }

        return builder.ToString();
    }

    private static int RunApp(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Ctrl+C reaches the app too (same console group): the launcher waits for it to finish and still records.
        ConsoleCancelEventHandler keepRunning = (_, e) => e.Cancel = true;
        Console.CancelKeyPress += keepRunning;
        try
        {
            using var process = Process.Start(start)
                ?? throw new LauncherException(TestingPlatformDiagnostics.TestAppNotStarted, $"the test application '{program}' could not be started");
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LauncherException(TestingPlatformDiagnostics.TestAppNotStarted, $"the test application '{program}' could not be started: {e.Message}", e);
        }
        finally
        {
            Console.CancelKeyPress -= keepRunning;
        }
    }

    // Temp file + rename: the recording never reads a half-written command.
    private static void SaveCommand(string path, IReadOnlyList<string> command)
    {
        var full = Path.GetFullPath(path);
        var temp = full + $".{Environment.ProcessId}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllLines(temp, command.Select(a => a.ReplaceLineEndings(" ")));
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }

            throw new LauncherException(TestingPlatformDiagnostics.CommandNotSaved, $"cannot write '{full}': {e.Message}", e);
        }
    }

    private static int Record(LauncherOptions options, string? report, int exitCode)
    {
        var start = new ProcessStartInfo(options.DotNet) { UseShellExecute = false };
        foreach (var argument in RecordArguments(options, report, exitCode))
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)
                ?? throw new LauncherException(TestingPlatformDiagnostics.RecordingFailed, $"'{options.DotNet} msbuild' could not be started");
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LauncherException(TestingPlatformDiagnostics.RecordingFailed, $"'{options.DotNet} msbuild' could not be started: {e.Message}", e);
        }
    }
}
