using Cilock.Attestation.Collections;

namespace Cilock.Attestation.Tests.Collections;

[TestClass]
public sealed class AttestationTypesTests
{
    [TestMethod]
    [DataRow("aws/v0.1")]
    [DataRow("aws-codebuild/v0.1")]
    [DataRow("command-run/v0.1")]
    [DataRow("docker/v0.1")]
    [DataRow("environment/v0.1")]
    [DataRow("gcp-iit/v0.1")]
    [DataRow("git/v0.1")]
    [DataRow("github/v0.1")]
    [DataRow("githubwebhook/v0.1")]
    [DataRow("gitlab/v0.1")]
    [DataRow("jenkins/v0.1")]
    [DataRow("jwt/v0.1")]
    [DataRow("lockfiles/v0.1")]
    [DataRow("material/v0.1")]
    [DataRow("maven/v0.1")]
    [DataRow("oci/v0.1")]
    [DataRow("omnitrail/v0.1")]
    [DataRow("product/v0.1")]
    [DataRow("sarif/v0.1")]
    [DataRow("sbom/v0.1")]
    [DataRow("secretscan/v0.1")]
    [DataRow("system-packages/v0.1")]
    [DataRow("k8smanifest/v0.2")]
    public void Resolve_AliasedWitnessUri_MapsToAflockSameVersion(string tail) =>
        Assert.AreEqual("https://aflock.ai/attestations/" + tail, AttestationTypes.Resolve("https://witness.dev/attestations/" + tail));

    [TestMethod]
    public void Resolve_WitnessCollection_MapsToCilockCollection() =>
        Assert.AreEqual(AttestationTypes.CollectionCilock, AttestationTypes.Resolve(AttestationTypes.CollectionWitness));

    [TestMethod]
    [DataRow("https://witness.dev/attestations/commandrun/v0.1")]
    [DataRow("https://witness.dev/attestations/material/v0.3")]
    [DataRow("https://witness.dev/attestations/k8smanifest/v0.1")]
    [DataRow("https://witness.dev/attestations/test-results/v0.1")]
    [DataRow("https://aflock.ai/attestations/material/v0.3")]
    [DataRow("https://spdx.dev/Document")]
    public void Resolve_NotInTable_IsUnchanged(string uri) => Assert.AreEqual(uri, AttestationTypes.Resolve(uri));

    [TestMethod]
    [DataRow("https://witness.dev/attestations/material/v0.1", true)]
    [DataRow("https://witness.dev/attestations/k8smanifest/v0.2", true)]
    [DataRow("https://cyclonedx.org/bom", true)]
    [DataRow("https://slsa.dev/provenance/v1.0", true)]
    [DataRow("https://aflock.ai/attestations/material/v0.3", false)]
    [DataRow("https://aflock.ai/attestations/test-results/v0.1", false)]
    [DataRow("https://slsa.dev/provenance/v1", false)]
    public void IsWitnessLoadable_FollowsW10Registry(string uri, bool expected) =>
        Assert.AreEqual(expected, AttestationTypes.IsWitnessLoadable(uri));
}
