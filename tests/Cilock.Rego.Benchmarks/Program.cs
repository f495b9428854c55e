using System.Diagnostics;
using System.Text;
using Cilock.Rego;

// Stopwatch benchmark for build/bench.sh rego: compiled policies evaluated repeatedly with EvaluateDeny
// (input JSON parsing included, as policy verification does it).
const string TracePolicy = """
    package ci.trace

    import rego.v1

    environ_file(p) if regex.match(`^/proc/(self|thread-self|[0-9]+)(/task/[0-9]+)?/environ$`, p)

    network_tools := {"curl", "wget", "nc", "ncat", "socat"}

    deny contains msg if {
        some proc in object.get(input, "processes", [])
        some path, _ in object.get(proc, "openedfiles", {})
        environ_file(path)
        msg := sprintf("pid %v (%s) opened %s", [proc.processid, object.get(proc, "comm", "?"), path])
    }

    deny contains msg if {
        some proc in input.processes
        proc.comm in network_tools
        msg := sprintf("pid %v ran network tool %s", [proc.processid, proc.comm])
    }

    deny contains msg if {
        some proc in input.processes
        some path, _ in proc.openedfiles
        startswith(path, "/etc/shadow")
        msg := sprintf("pid %v read %s", [proc.processid, path])
    }

    deny contains msg if {
        input.exitcode != 0
        msg := sprintf("command exited with %v", [input.exitcode])
    }

    deny contains msg if {
        count(input.processes) > 5000
        msg := "too many processes"
    }

    deny contains msg if {
        some proc in input.processes
        endswith(object.get(proc, "program", ""), ".sh")
        contains(object.get(proc, "cmdline", ""), "base64 -d")
        msg := sprintf("pid %v decodes base64 in a shell script", [proc.processid])
    }

    deny contains msg if {
        some arg in input.cmd
        lower(arg) == "--no-verify"
        msg := "verification disabled on the command line"
    }

    deny contains msg if {
        some proc in input.processes
        glob.match("/tmp/**.so", ["/"], object.get(proc, "program", ""))
        msg := sprintf("pid %v executes a library from /tmp", [proc.processid])
    }

    deny contains msg if {
        ppids := {p.parentpid | some p in input.processes}
        not 1 in ppids
        msg := "no process descends from pid 1"
    }

    deny contains msg if {
        some proc in input.processes
        is_string(proc.comm)
        upper(proc.comm) == "NSENTER"
        msg := sprintf("pid %v entered another namespace", [proc.processid])
    }
    """;

const string SecretsPolicy = """
    package ci.secrets

    import rego.v1

    findings := f if {
        f := input.findings
        is_array(f)
    } else := []

    deny contains msg if {
        some finding in findings
        msg := sprintf("secret rule %s matched in %s (line %v)", [finding.ruleId, finding.location, finding.startLine])
    }
    """;

var iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2000;

var sb = new StringBuilder("""{"cmd":["dotnet","build","-c","Release"],"exitcode":0,"processes":[""");
for (var i = 0; i < 1000; i++)
{
    if (i > 0)
    {
        sb.Append(',');
    }

    var comm = i % 3 == 0 ? "dotnet" : i % 3 == 1 ? "sh" : "git";
    var pid = (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
    var ppid = (i == 0 ? 1 : 999 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
    sb.Append("{\"processid\":").Append(pid).Append(",\"parentpid\":").Append(ppid)
      .Append(",\"comm\":\"").Append(comm).Append("\",\"program\":\"/usr/bin/").Append(comm)
      .Append("\",\"cmdline\":\"").Append(comm).Append(" --version\",\"openedfiles\":{\"/usr/lib/libc.so.6\":{\"sha256\":\"aa\"},\"/home/u/src/file")
      .Append(i).Append(".cs\":{\"sha256\":\"bb\"},\"/proc/").Append(pid).Append("/status\":{\"sha256\":\"cc\"}}}");
}

sb.Append("]}");
var commandRun = sb.ToString();
var secretScan = """{"findings":[{"ruleId":"nuget-api-key","location":"product:bin/App.1.0.0.nupkg","startLine":3,"secret":{"sha256":"0d6f"}},{"ruleId":"github-pat","location":"product:obj/x.json","startLine":12,"secret":{"sha256":"9a1c"}}]}""";

// Reference point on this machine right now (shared CI machines vary a lot): parsing the same JSON only.
var parseWatch = Stopwatch.StartNew();
for (var i = 0; i < iterations / 10; i++)
{
    using var doc = System.Text.Json.JsonDocument.Parse(commandRun);
}

Console.WriteLine($"{"reference: JsonDocument.Parse of the 1000-process input",-46} {parseWatch.Elapsed.TotalMicroseconds / (iterations / 10),10:0.0} µs");
Run("command-run v0.1, 1000 processes, 10 rules", TracePolicy, commandRun, iterations / 10);
Run("secretscan, 2 findings", SecretsPolicy, secretScan, iterations * 10);
Run("secretscan, no findings", SecretsPolicy, """{"findings":[]}""", iterations * 10);

static void Run(string name, string module, string input, int iterations)
{
    var policy = RegoCompiler.Compile([new RegoModule("bench.rego", module)]);
    var first = policy.EvaluateDeny(input);
    if (first.Failed)
    {
        throw new InvalidOperationException(first.Error);
    }

    for (var i = 0; i < Math.Max(10, iterations / 10); i++)
    {
        policy.EvaluateDeny(input);
    }

    var sw = Stopwatch.StartNew();
    for (var i = 0; i < iterations; i++)
    {
        policy.EvaluateDeny(input);
    }

    sw.Stop();
    var us = sw.Elapsed.TotalMicroseconds / iterations;
    Console.WriteLine($"{name,-46} {us,10:0.0} µs/evaluation  ({iterations} runs, {first.Reasons.Count} reason(s), input {input.Length / 1024.0:0.0} KiB)");
}
