# GitHub actions and reusable workflows may only come from the allowed owners (parameter allowed_owners,
# case-insensitive owner names such as "actions").
# Input: a pipeline-definition predicate or a github-action predicate.
package cilock.rules.actions_allowed_owners

import rego.v1

allowed_owners := data.cilock.params.allowed_owners

allowed contains lower(o) if some o in allowed_owners

pinnable_kinds := {"action", "reusable-workflow"}

entries contains e if {
	some e in object.get(input, "references", [])
	e.kind in pinnable_kinds
}

entries contains input if {
	input.actionref
	not input.references
}

owner(e) := e.owner if e.owner
else := split(e.actionref, "/")[0]

where(e) := sprintf("%s:%v", [e.file, e.line]) if e.file
else := "github-action step"

deny contains msg if {
	some e in entries
	not lower(owner(e)) in allowed
	msg := sprintf("%s (%s) is not from an allowed owner (%s)", [e.actionref, where(e), concat(", ", sort(allowed_owners))])
}
