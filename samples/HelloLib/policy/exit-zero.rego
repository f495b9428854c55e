# Optional: deny a step whose recorded command failed. Embed it in a step's command-run attestation as
# {"type": "https://aflock.ai/attestations/command-run/v0.2", "regopolicies": [{"name": "exit-zero", "module": "<base64 of this file>"}]}
package commandrun.exitzero

deny[msg] {
	input.exitcode != 0
	msg := sprintf("the command exited with %v", [input.exitcode])
}
