# Every container image referenced by a pipeline definition (docker:// actions, job containers, services,
# GitLab/Azure images) must be pinned by a sha256 digest.
# Input: a pipeline-definition predicate.
package cilock.rules.images_pinned

import rego.v1

deny contains msg if {
	some e in object.get(input, "references", [])
	e.kind == "docker-image"
	not e.refpinned
	msg := sprintf("image %s (%s:%v) is not pinned by a sha256 digest", [e.reference, e.file, e.line])
}

deny contains msg if {
	some f in object.get(input, "files", [])
	f.malformed
	msg := sprintf("%s could not be parsed, so its image references are unknown", [f.path])
}
