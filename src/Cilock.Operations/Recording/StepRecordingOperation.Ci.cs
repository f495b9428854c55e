using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.Ci;

namespace Cilock.Operations.Recording;

// CI platform attestors for the SDK's steps: detected from the step's environment, nothing outside CI.
public sealed partial class StepRecordingOperation
{
    private static void AddCiAttestors(List<IAttestor> attestors, StepRecordingOptions options)
    {
        if (options.CiAttestors)
        {
            attestors.AddRange(CiPlatforms.CreateDetected(options.Environment ?? CiPlatforms.ProcessEnvironment()));
        }
    }
}
