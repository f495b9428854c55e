# No traced process may open a process's environment or memory (/proc/<pid>/environ, /proc/<pid>/mem,
# also through /proc/self and task directories): that is how build-time malware harvests secrets.
# Input: a command-run predicate, v0.1 (per-process "openedfiles" map) or v0.2 (interned path table).
package cilock.rules.no_process_memory_reads

import rego.v1

sensitive(p) if regex.match(`^/proc/(self|thread-self|[0-9]+)(/task/[0-9]+)?/(environ|mem)$`, p)

deny contains msg if {
	some proc in object.get(input, "processes", [])
	some path, _ in object.get(proc, "openedfiles", {})
	sensitive(path)
	msg := sprintf("pid %v (%s) opened %s", [proc.processid, object.get(proc, "comm", "?"), path])
}

deny contains msg if {
	input._meta.version == "v0.2"
	some proc in input.processes
	some ref in object.get(proc, "openedFiles", [])
	path := input.paths[ref.pathId]
	sensitive(path)
	msg := sprintf("pid %v opened %s", [proc.processid, path])
}
