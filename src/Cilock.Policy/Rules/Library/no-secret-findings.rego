# The secret scan must not have found anything (findings may be null in old evidence).
# Input: a secretscan predicate.
package cilock.rules.no_secret_findings

import rego.v1

findings := f if {
	f := input.findings
	is_array(f)
} else := []

deny contains msg if {
	some finding in findings
	msg := sprintf("secret rule %s matched in %s (line %v)", [finding.ruleId, object.get(finding, "location", "?"), object.get(finding, "startLine", "?")])
}
