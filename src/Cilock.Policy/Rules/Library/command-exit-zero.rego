# The wrapped command must have exited 0 (command-run v0.2 omits exitcode when it is 0).
# Input: a command-run predicate (v0.1 or v0.2).
package cilock.rules.command_exit_zero

import rego.v1

deny contains msg if {
	code := object.get(input, "exitcode", 0)
	code != 0
	msg := sprintf("the command %s exited with %v", [concat(" ", object.get(input, "cmd", [])), code])
}
