# Every GitHub action and reusable workflow must be pinned to a full 40-hex commit SHA.
# Input: a pipeline-definition predicate (every reference) or a github-action predicate (one step).
package cilock.rules.actions_pinned

import rego.v1

pinnable_kinds := {"action", "reusable-workflow"}

entries contains e if {
	some e in object.get(input, "references", [])
	e.kind in pinnable_kinds
}

entries contains input if {
	input.actionref
	not input.references
}

where(e) := sprintf("%s:%v", [e.file, e.line]) if e.file
else := "github-action step"

deny contains msg if {
	some e in entries
	not e.refpinned
	msg := sprintf("%s (%s) is referenced by tag or branch, pin it to a full commit SHA", [e.actionref, where(e)])
}

# A definition that could not be parsed hides its references: fail closed.
deny contains msg if {
	some f in object.get(input, "files", [])
	f.malformed
	msg := sprintf("%s could not be parsed, so its action references are unknown", [f.path])
}
