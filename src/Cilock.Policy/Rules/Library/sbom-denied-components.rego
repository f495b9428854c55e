# The SBOM must be a CycloneDX or SPDX document and must not list a denied component. A deny-list entry is either a
# package URL prefix ("pkg:nuget/Newtonsoft.Json@12.") or a component name (case-insensitive).
# Input: an sbom predicate (the CycloneDX or SPDX JSON document itself).
package cilock.rules.sbom_denied_components

import rego.v1

denied_components := data.cilock.params.denied_components

is_cyclonedx if input.bomFormat == "CycloneDX"

is_spdx if startswith(object.get(input, "spdxVersion", ""), "SPDX-")

# name, version and purls of every component / package
components contains [c.name, object.get(c, "version", ""), purls] if {
	is_cyclonedx
	some c in object.get(input, "components", [])
	purls := {p | p := c.purl}
}

components contains [p.name, object.get(p, "versionInfo", ""), purls] if {
	is_spdx
	some p in object.get(input, "packages", [])
	purls := {r.referenceLocator | some r in object.get(p, "externalRefs", []); r.referenceType == "purl"}
}

matches(entry, name, _) if {
	not startswith(entry, "pkg:")
	lower(entry) == lower(name)
}

matches(entry, _, purls) if {
	startswith(entry, "pkg:")
	some purl in purls
	startswith(lower(purl), lower(entry))
}

deny contains "the sbom attestation is neither a CycloneDX nor an SPDX document" if {
	not is_cyclonedx
	not is_spdx
}

deny contains msg if {
	some c in components
	some entry in denied_components
	matches(entry, c[0], c[2])
	msg := sprintf("SBOM component %s %s is on the deny list (%s)", [c[0], c[1], entry])
}
