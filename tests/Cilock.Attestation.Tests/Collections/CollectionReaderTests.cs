using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Tests.Collections;

[TestClass]
public sealed class CollectionReaderTests
{
    private const string A = "06f961b802bc46ee168555f066d28f4f0e9afdf3f88174c1ee6f9de004fc30a0";
    private const string B = "c0cde77fa8fef97d476c10aad3d2d54fcc2f336140d073651c2dcccf1e379fd6";
    private const string Hello = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

    // Composed from the spec's Witness examples (attestors.md §2.1, §3.1, §4.1, §5, §6), random subject order.
    internal const string WitnessShaped = """
        {"_type":"https://in-toto.io/Statement/v0.1",
         "subject":[{"name":"https://witness.dev/attestations/product/v0.1/file:test/test.txt","digest":{"sha256":"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"}},
                    {"name":"https://witness.dev/attestations/git/v0.1/commithash:4b825dc642cb6eb9a060e54bf8d69288fbee4904","digest":{"sha1":"4b825dc642cb6eb9a060e54bf8d69288fbee4904"}}],
         "predicateType":"https://witness.testifysec.com/attestation-collection/v0.1",
         "predicate":{"name":"test","attestations":[
           {"type":"https://witness.dev/attestations/environment/v0.1","attestation":{"os":"linux","hostname":"agent-12","username":"vsts","variables":{"DOTNET_ROOT":"/usr/share/dotnet","NUGET_API_KEY":"******"}},"starttime":"2024-02-19T18:44:57.624055Z","endtime":"2024-02-19T18:44:57.7Z"},
           {"type":"https://witness.dev/attestations/git/v0.1","attestation":{"commithash":"4b825dc642cb6eb9a060e54bf8d69288fbee4904","author":"A","authoremail":"a@example.com","committername":"A","committeremail":"a@example.com","commitdate":"2024-02-19 16:58:36 +0000 +0000","commitmessage":"init\n","status":{"new.txt":{"staging":"untracked","worktree":"untracked"}},"parenthashes":["1111111111111111111111111111111111111111"]},"starttime":"2024-02-19T18:44:57Z","endtime":"2024-02-19T18:44:58Z"},
           {"type":"https://witness.dev/attestations/material/v0.1","attestation":{"global.json":{"sha256":"c0cde77fa8fef97d476c10aad3d2d54fcc2f336140d073651c2dcccf1e379fd6"},"src/App/App.csproj":{"sha256":"06f961b802bc46ee168555f066d28f4f0e9afdf3f88174c1ee6f9de004fc30a0"}},"starttime":"2024-02-19T18:44:58Z","endtime":"2024-02-19T18:44:58Z"},
           {"type":"https://witness.dev/attestations/command-run/v0.1","attestation":{"cmd":["echo","hello"],"exitcode":0,"stdout":"hello\n"},"starttime":"2024-02-19T18:44:58Z","endtime":"2024-02-19T18:44:59Z"},
           {"type":"https://witness.dev/attestations/product/v0.1","attestation":{"test/test.txt":{"mime_type":"text/plain; charset=utf-8","digest":{"sha256":"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"}}},"starttime":"2024-02-19T18:44:59Z","endtime":"2024-02-19T18:44:59Z"}]}}
        """;

    // Composed from statement-and-collection.md §2 and attestors.md §2.3/§3.2/§4.2 (cilock dialect, path-bound leaves like published fixtures).
    internal const string CilockShaped = """
        {"_type":"https://in-toto.io/Statement/v0.1",
         "subject":[{"name":"https://aflock.ai/attestations/material/v0.3/tree:materials","digest":{"sha256":"4f29cb9e9a070f2ad69ac62daa65ee8b7bc7ef7e4b8f7177ebc1127c8b842f58"}},
                    {"name":"https://aflock.ai/attestations/product/v0.3/tree:products","digest":{"sha256":"83556950ab58b6c4695eefdd2aff5605a8092906b4d8d2b2efc5f648274b8863"}}],
         "predicateType":"https://aflock.ai/attestation-collection/v0.1",
         "predicate":{"name":"build","attestations":[
           {"type":"https://aflock.ai/attestations/material/v0.3","attestation":{"merkleRoot":"4f29cb9e9a070f2ad69ac62daa65ee8b7bc7ef7e4b8f7177ebc1127c8b842f58","treeSize":3,"hashAlgorithm":"sha256","construction":"RFC6962","leaves":[
             {"path":"a.txt","fileDigest":"c0cde77fa8fef97d476c10aad3d2d54fcc2f336140d073651c2dcccf1e379fd6","leafHash":"db45111377a743c955f551e27c5f11e72558b33a98753f828bd9e86c33ae544e"},
             {"path":"lib/x.dll","fileDigest":"06f961b802bc46ee168555f066d28f4f0e9afdf3f88174c1ee6f9de004fc30a0","leafHash":"8f6a006f2fc3a46cbfade9d9e0e2d5fe8dba1910d402af3daca4c365224d6006"},
             {"path":"z.txt","fileDigest":"12f37a8a84034d3e623d726fe10e5031f4df997ac13f4d5571b5a90c41fb84fe","leafHash":"4608364473cf260fbd8970835064b81d73be0e4716020ae5b4dc0e39061b5b5d"}]},
            "starttime":"2026-11-24T10:00:00.1234Z","endtime":"2026-11-24T10:00:00.2Z"},
           {"type":"https://aflock.ai/attestations/command-run/v0.2","attestation":{"_meta":{"version":"v0.2","captureMode":"trace","traceBackend":"ptrace","counts":{"processes":1,"uniquePaths":2,"uniqueDigests":1,"uniqueComms":1,"uniqueCmdlines":1}},
             "digests":[{"digests":{"sha256":"06f961b802bc46ee168555f066d28f4f0e9afdf3f88174c1ee6f9de004fc30a0"}}],
             "paths":["/usr/bin/dotnet","/proc/self/environ"],"comms":["dotnet"],"cmdlines":["dotnet build"],
             "processes":[{"processid":4120,"parentpid":4119,"commId":0,"execPathId":0,"cmdlineId":0,"programDigestId":0,"exeDigestId":-1,"openedFiles":[{"pathId":1,"digestId":-1}]}],
             "cmd":["dotnet","build"]},"starttime":"2026-11-24T10:00:00.3Z","endtime":"2026-11-24T10:00:01Z"},
           {"type":"https://aflock.ai/attestations/product/v0.3","attestation":{"merkleRoot":"83556950ab58b6c4695eefdd2aff5605a8092906b4d8d2b2efc5f648274b8863","treeSize":1,"hashAlgorithm":"sha256","construction":"RFC6962",
             "leaves":[{"path":"obj/app.cdx.json","fileDigest":"06f961b802bc46ee168555f066d28f4f0e9afdf3f88174c1ee6f9de004fc30a0","leafHash":"b1b6445836b29fd2ebcadc96ff24c2fddb280ec1f460aea4bdb8dff9f3025dc0","kind":"cyclonedx"}]},
            "starttime":"2026-11-24T10:00:01Z","endtime":"2026-11-24T10:00:01.5-05:00"},
           {"type":"https://aflock.ai/attestations/test-results/v0.1","attestation":{"predicate":{"format":"junit-xml","summary":{"total":3,"passed":3,"failed":0,"skipped":0,"durationSeconds":1.50}}},"starttime":"2026-11-24T10:00:02Z","endtime":"2026-11-24T10:00:02Z"}],
          "backrefs":{"https://aflock.ai/attestations/material/v0.3/tree:materials":{"sha256":"4f29cb9e9a070f2ad69ac62daa65ee8b7bc7ef7e4b8f7177ebc1127c8b842f58"}}}}
        """;

    [TestMethod]
    public void Read_WitnessShaped_DecodesEveryTypedAttestor()
    {
        var doc = CollectionReader.Read(Encoding.UTF8.GetBytes(WitnessShaped));

        Assert.AreEqual(AttestationTypes.CollectionWitness, doc.Statement.PredicateType);
        Assert.AreEqual("test", doc.Collection.Name);
        Assert.AreEqual(5, doc.Collection.Entries.Count);
        Assert.IsNull(doc.Collection.Backrefs);

        var env = doc.Collection.Entries[0].AsEnvironment()!;
        Assert.AreEqual("******", env.Variables["NUGET_API_KEY"]);
        var git = doc.Collection.Entries[1].AsGit()!;
        Assert.AreEqual("4b825dc642cb6eb9a060e54bf8d69288fbee4904", git.CommitHash);
        Assert.AreEqual("untracked", git.Status["new.txt"].Worktree);
        CollectionAssert.AreEqual(new[] { "1111111111111111111111111111111111111111" }, git.ParentHashes.ToArray());
        var material = doc.Collection.Entries[2].AsMaterial()!;
        Assert.IsNull(material.Tree);
        Assert.AreEqual(B, material.Files["global.json"].Sha256Hex);
        var command = doc.Collection.Entries[3].AsCommandRun()!;
        CollectionAssert.AreEqual(new[] { "echo", "hello" }, command.Cmd.ToArray());
        Assert.AreEqual("hello\n", command.Stdout);
        var product = doc.Collection.Entries[4].AsProduct()!;
        Assert.AreEqual("text/plain; charset=utf-8", product.Files["test/test.txt"].MimeType);
        Assert.AreEqual(Hello, product.Files["test/test.txt"].Digest.Sha256Hex);

        Assert.AreEqual(new DateTimeOffset(2024, 2, 19, 18, 44, 57, 624, TimeSpan.Zero).AddTicks(550), doc.Collection.Entries[0].StartTime);
        Assert.AreEqual(AttestationTypes.EnvironmentCilock, doc.Collection.Entries[0].ResolvedType);
    }

    [TestMethod]
    public void Read_CilockShaped_DecodesTreesInternedCommandRunAndKeepsUnknownRaw()
    {
        var doc = CollectionReader.Read(Encoding.UTF8.GetBytes(CilockShaped));

        Assert.AreEqual(AttestationTypes.CollectionCilock, doc.Statement.PredicateType);
        var material = doc.Collection.Entries[0].AsMaterial()!;
        Assert.AreEqual(3, material.Files.Count);
        var verification = MerkleTree.Verify(material.Tree!);
        Assert.IsTrue(verification.IsValid, verification.Reason);
        Assert.AreEqual(MerkleConstruction.PathBound, verification.Construction);

        var command = doc.Collection.Entries[1].AsCommandRun()!;
        Assert.AreEqual(0, command.ExitCode);
        var process = command.Processes.Single();
        Assert.AreEqual("/usr/bin/dotnet", process.Program);
        Assert.AreEqual("dotnet build", process.Cmdline);
        Assert.AreEqual(A, process.ProgramDigest!.Sha256Hex);
        Assert.IsNull(process.ExeDigest);
        Assert.AreEqual(DigestSet.Empty, process.OpenedFiles["/proc/self/environ"]);

        var product = doc.Collection.Entries[2].AsProduct()!;
        Assert.AreEqual("cyclonedx", product.Files["obj/app.cdx.json"].Kind);
        Assert.IsTrue(MerkleTree.Verify(product.Tree!).IsValid);

        var unknown = doc.Collection.Entries[3];
        Assert.IsNull(unknown.AsMaterial());
        Assert.AreEqual("1.50", unknown.Attestation!["predicate"]!["summary"]!["durationSeconds"]!.ToJsonString());
        Assert.AreEqual(A.Length, doc.Collection.Backrefs!.Single().Value.Sha256Hex!.Length);
        Assert.AreEqual(TimeSpan.FromHours(-5), doc.Collection.Entries[2].EndTime.Offset);
    }

    [TestMethod]
    public void Read_CaseInsensitiveMembersAndV1Statement_Bind()
    {
        var json = """
            {"_TYPE":"https://in-toto.io/Statement/v1","Subject":[{"Name":"x","Digest":{"sha512":"abc"}}],"PredicateType":"https://aflock.ai/attestation-collection/v0.1",
             "Predicate":{"NAME":"step","Attestations":[{"Type":"https://witness.dev/attestations/material/v0.1","Attestation":{"a":{"sha256":"06f961b802bc46ee168555f066d28f4f0e9afdf3f88174c1ee6f9de004fc30a0"}},"StartTime":"2026-01-01T00:00:00Z","EndTime":"2026-01-01T00:00:00Z"}]}}
            """;
        var doc = CollectionReader.Read(Encoding.UTF8.GetBytes(json));
        Assert.AreEqual(Statement.TypeV1, doc.Statement.Type);
        Assert.AreEqual("abc", doc.Statement.Subjects.Single().Digest["sha512"]);
        Assert.AreEqual(0, doc.Statement.Subjects.Single().ToDigestSet().Count);
        Assert.AreEqual("step", doc.Collection.Name);
        Assert.AreEqual(1, doc.Collection.Entries.Single().AsMaterial()!.Files.Count);
    }

    [TestMethod]
    public void Read_NullSubjectAndAttestations_ReadAsEmpty()
    {
        var doc = CollectionReader.Read("""{"subject":null,"predicateType":"https://aflock.ai/attestation-collection/v0.1","predicate":{"name":"s","attestations":null}}"""u8.ToArray());
        Assert.AreEqual(0, doc.Statement.Subjects.Count);
        Assert.AreEqual(0, doc.Collection.Entries.Count);
    }

    [TestMethod]
    [DataRow("not json", "CIL1032")]
    [DataRow("""{"subject":[]}""", "CIL1032")]
    [DataRow("""{"predicateType":"https://example.com/other","predicate":{}}""", "CIL1033")]
    [DataRow("""{"predicateType":"https://aflock.ai/attestation-collection/v0.1","predicate":{"attestations":[{"type":"x","starttime":"yesterday"}]}}""", "CIL1033")]
    [DataRow("""{"predicateType":"https://aflock.ai/attestation-collection/v0.1","predicate":{"attestations":[{"attestation":{}}]}}""", "CIL1033")]
    [DataRow("""{"predicateType":"https://aflock.ai/attestation-collection/v0.1","predicate":{"backrefs":{"k":{"sha512":"00"}}}}""", "CIL1033")]
    public void Read_Malformed_ThrowsCodedError(string json, string code)
    {
        var e = Assert.ThrowsExactly<CilockException>(() => CollectionReader.Read(Encoding.UTF8.GetBytes(json)));
        Assert.AreEqual(code, e.Code);
    }

    [TestMethod]
    public void AsMaterial_UnknownDigestKey_ThrowsCil1034()
    {
        var entry = new CollectionEntry(AttestationTypes.MaterialWitness, JsonNode.Parse("""{"a":{"sha512":"00"}}"""), default, default);
        Assert.AreEqual("CIL1034", Assert.ThrowsExactly<CilockException>(() => entry.AsMaterial()).Code);
    }

    [TestMethod]
    public void AsCommandRun_V02NullTablesAndOmittedExitCode_ReadAsEmptyAndZero()
    {
        var entry = new CollectionEntry(AttestationTypes.CommandRunCilock, JsonNode.Parse("""{"_meta":{"version":"v0.2"},"digests":null,"paths":null,"comms":null,"processes":null,"cmd":["x"]}"""), default, default);
        var run = entry.AsCommandRun()!;
        Assert.AreEqual(0, run.ExitCode);
        Assert.AreEqual(0, run.Processes.Count);
    }

    [TestMethod]
    public void AsCommandRun_V02IdOutOfRange_ThrowsCil1034()
    {
        var entry = new CollectionEntry(AttestationTypes.CommandRunCilock, JsonNode.Parse("""{"paths":[],"processes":[{"commId":5}],"cmd":["x"]}"""), default, default);
        Assert.AreEqual("CIL1034", Assert.ThrowsExactly<CilockException>(() => entry.AsCommandRun()).Code);
    }
}
