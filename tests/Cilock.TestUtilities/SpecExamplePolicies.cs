namespace Cilock.TestUtilities;

/// <summary>
/// The four example policies of <c>shared/spec/rego-contract.md</c> §6, verbatim, shared by the Rego, policy and tracer
/// tests (kept as constants so the tests also run where <c>../shared</c> is absent).
/// </summary>
public static class SpecExamplePolicies
{
    /// <summary>§6.1: unpinned or untrusted GitHub actions (v0 syntax).</summary>
    public const string Actions = """
        package ci.actions

        trusted_owners := ["actions/", "microsoft/", "nuget/"]

        deny[msg] {
            not input.refpinned
            msg := sprintf("%s is referenced by tag or branch, pin it to a commit SHA", [input.actionref])
        }

        deny[msg] {
            not owner_trusted(input.actionref)
            msg := sprintf("%s is not from an allowed owner", [input.actionref])
        }

        owner_trusted(ref) {
            startswith(ref, trusted_owners[_])
        }
        """;

    /// <summary>§6.2: any secret finding (v1 syntax with import).</summary>
    public const string Secrets = """
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

    /// <summary>§6.3: a process read another process's environment (command-run v0.1 and v0.2).</summary>
    public const string Trace = """
        package ci.trace

        import rego.v1

        environ_file(p) if regex.match(`^/proc/(self|thread-self|[0-9]+)(/task/[0-9]+)?/environ$`, p)

        # command-run v0.1: per-process map "openedfiles"
        deny contains msg if {
            some proc in object.get(input, "processes", [])
            some path, _ in object.get(proc, "openedfiles", {})
            environ_file(path)
            msg := sprintf("pid %v (%s) opened %s", [proc.processid, object.get(proc, "comm", "?"), path])
        }

        # command-run v0.2: interned tables
        deny contains msg if {
            input._meta.version == "v0.2"
            some proc in input.processes
            some ref in object.get(proc, "openedFiles", [])
            path := input.paths[ref.pathId]
            environ_file(path)
            msg := sprintf("pid %v opened %s", [proc.processid, path])
        }
        """;

    /// <summary>§6.4: the upstream build step exited non-zero (cilock cross-step input).</summary>
    public const string Chain = """
        package ci.chain

        import rego.v1

        deny contains msg if {
            some ptype, pred in object.get(input.steps, "build", {})
            contains(ptype, "/command-run/")
            object.get(pred, "exitcode", 0) != 0
            msg := sprintf("upstream build exited with %v", [pred.exitcode])
        }
        """;
}
