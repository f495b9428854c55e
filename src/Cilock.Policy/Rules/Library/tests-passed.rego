# Tests must have run (total > 0) and none may have failed or errored.
# Input: a test-results predicate ({"predicate": {"summary": …, "failedTests": …}}).
package cilock.rules.tests_passed

import rego.v1

summary := object.get(object.get(input, "predicate", {}), "summary", {})

deny contains "the test-results attestation has no summary" if {
	count(summary) == 0
}

deny contains "no tests ran" if {
	count(summary) > 0
	object.get(summary, "total", 0) == 0
}

deny contains msg if {
	failed := object.get(summary, "failed", 0) + object.get(summary, "errors", 0)
	failed > 0
	msg := sprintf("%v of %v tests failed or errored", [failed, object.get(summary, "total", 0)])
}

deny contains msg if {
	some t in object.get(input.predicate, "failedTests", [])
	msg := sprintf("test %s failed: %s", [t.name, object.get(t, "message", "")])
}
