package nl.camiso.stix.validation;

import java.util.Set;

/** STIX 2.1 open vocabularies (§10, "-ov": mismatches are warnings) and enumerations ("-enum": mismatches are errors). */
final class Vocab {

    private Vocab() {
    }

    // --- open vocabularies (OS 2021; errata-only additions noted) ---
    static final Set<String> ATTACK_MOTIVATION = Set.of("accidental", "coercion", "dominance", "ideology", "notoriety",
            "organizational-gain", "personal-gain", "personal-satisfaction", "revenge", "unpredictable");
    static final Set<String> ATTACK_RESOURCE_LEVEL = Set.of("individual", "club", "contest", "team", "organization", "government");
    static final Set<String> GROUPING_CONTEXT = Set.of("suspicious-activity", "malware-analysis", "unspecified");
    static final Set<String> HASH_ALGORITHM = Set.of("MD5", "SHA-1", "SHA-256", "SHA-512", "SHA3-256", "SHA3-512", "SSDEEP", "TLSH");
    static final Set<String> IDENTITY_CLASS = Set.of("individual", "group", "system", "organization", "class", "unknown");
    static final Set<String> IMPLEMENTATION_LANGUAGE = Set.of("applescript", "bash", "c", "c++", "c#", "go", "java",
            "javascript", "lua", "objective-c", "perl", "php", "powershell", "python", "ruby", "scala", "swift",
            "typescript", "visual-basic", "x86-32", "x86-64", "rust");
    static final Set<String> INDICATOR_TYPE = Set.of("anomalous-activity", "anonymization", "benign", "compromised",
            "malicious-activity", "attribution", "unknown");
    static final Set<String> INDUSTRY_SECTOR = Set.of("agriculture", "aerospace", "automotive", "chemical", "commercial",
            "communications", "construction", "defense", "education", "energy", "entertainment", "financial-services",
            "government", "emergency-services", "government-local", "government-national", "government-public-services",
            "government-regional", "healthcare", "hospitality-leisure", "infrastructure", "dams", "nuclear", "water",
            "insurance", "manufacturing", "mining", "non-profit", "pharmaceuticals", "retail", "technology",
            "telecommunications", "transportation", "utilities", "legal");
    static final Set<String> INFRASTRUCTURE_TYPE = Set.of("amplification", "anonymization", "botnet", "command-and-control",
            "control-system", "exfiltration", "firewall", "hosting-malware", "hosting-target-lists", "phishing",
            "reconnaissance", "routers-switches", "staging", "workstation", "unknown");
    static final Set<String> MALWARE_RESULT = Set.of("malicious", "suspicious", "benign", "unknown");
    static final Set<String> MALWARE_CAPABILITIES = Set.of("accesses-remote-machines", "anti-debugging", "anti-disassembly",
            "anti-emulation", "anti-memory-forensics", "anti-sandbox", "anti-vm", "captures-input-peripherals",
            "captures-output-peripherals", "captures-system-state-data", "cleans-traces-of-infection", "commits-fraud",
            "communicates-with-c2", "compromises-data-availability", "compromises-data-integrity",
            "compromises-system-availability", "controls-local-machine", "degrades-security-software",
            "degrades-system-updates", "determines-c2-server", "emails-spam", "escalates-privileges", "evades-av",
            "exfiltrates-data", "fingerprints-host", "hides-artifacts", "hides-executing-code", "infects-files",
            "infects-remote-machines", "installs-other-components", "persists-after-system-reboot",
            "prevents-artifact-access", "prevents-artifact-deletion", "probes-network-environment", "self-modifies",
            "steals-authentication-credentials", "violates-system-operational-integrity");
    static final Set<String> MALWARE_TYPE = Set.of("adware", "backdoor", "bot", "bootkit", "ddos", "downloader", "dropper",
            "exploit-kit", "keylogger", "ransomware", "remote-access-trojan", "resource-exploitation",
            "rogue-security-software", "rootkit", "screen-capture", "spyware", "trojan", "unknown", "virus", "webshell",
            "wiper", "worm");
    static final Set<String> PATTERN_TYPE = Set.of("stix", "pcre", "sigma", "snort", "suricata", "yara");
    static final Set<String> PROCESSOR_ARCHITECTURE = Set.of("alpha", "arm", "ia-64", "mips", "powerpc", "sparc", "x86", "x86-64");
    static final Set<String> REGION = Set.of("africa", "eastern-africa", "middle-africa", "northern-africa",
            "southern-africa", "western-africa", "americas", "caribbean", "central-america", "latin-america-caribbean",
            "northern-america", "south-america", "asia", "central-asia", "eastern-asia", "southern-asia",
            "south-eastern-asia", "western-asia", "europe", "eastern-europe", "northern-europe", "southern-europe",
            "western-europe", "oceania", "antarctica", "australia-new-zealand", "melanesia", "micronesia", "polynesia");
    static final Set<String> REPORT_TYPE = Set.of("attack-pattern", "campaign", "identity", "indicator", "intrusion-set",
            "malware", "observed-data", "threat-actor", "threat-report", "tool", "vulnerability", "incident");
    static final Set<String> THREAT_ACTOR_TYPE = Set.of("activist", "competitor", "crime-syndicate", "criminal", "hacker",
            "insider-accidental", "insider-disgruntled", "nation-state", "sensationalist", "spy", "terrorist", "unknown",
            "private-sector");
    static final Set<String> THREAT_ACTOR_ROLE = Set.of("agent", "director", "independent", "infrastructure-architect", "sponsor");
    static final Set<String> THREAT_ACTOR_SOPHISTICATION = Set.of("none", "minimal", "intermediate", "advanced", "expert",
            "innovator", "strategic");
    static final Set<String> TOOL_TYPE = Set.of("denial-of-service", "exploitation", "information-gathering",
            "network-capture", "credential-exploitation", "remote-access", "vulnerability-scanning", "unknown");
    static final Set<String> ACCOUNT_TYPE = Set.of("facebook", "ldap", "nis", "openid", "radius", "skype", "tacacs",
            "twitter", "unix", "windows-local", "windows-domain");
    static final Set<String> WINDOWS_PEBINARY_TYPE = Set.of("dll", "exe", "sys");

    /** Relationship types the spec defines somewhere (§3.7, §4.x.2); others are allowed but warned about. */
    static final Set<String> RELATIONSHIP_TYPE = Set.of("derived-from", "duplicate-of", "related-to", "delivers",
            "targets", "uses", "attributed-to", "compromises", "originates-from", "investigates", "mitigates",
            "remediates", "located-at", "indicates", "based-on", "communicates-with", "consists-of", "controls", "has",
            "hosts", "owns", "authored-by", "beacons-to", "exfiltrates-to", "downloads", "drops", "exploits",
            "variant-of", "characterizes", "analysis-of", "static-analysis-of", "dynamic-analysis-of", "av-analysis-of",
            "impersonates");

    // --- enumerations: MUST NOT be extended ---
    static final Set<String> OPINION = Set.of("strongly-disagree", "disagree", "neutral", "agree", "strongly-agree");
    static final Set<String> EXTENSION_TYPE = Set.of("new-sdo", "new-sco", "new-sro", "property-extension",
            "toplevel-property-extension");
    static final Set<String> ENCRYPTION_ALGORITHM = Set.of("AES-256-GCM", "ChaCha20-Poly1305", "mime-type-indicated");
    static final Set<String> WINDOWS_REGISTRY_DATATYPE = Set.of("REG_NONE", "REG_SZ", "REG_EXPAND_SZ", "REG_BINARY",
            "REG_DWORD", "REG_DWORD_BIG_ENDIAN", "REG_DWORD_LITTLE_ENDIAN", "REG_LINK", "REG_MULTI_SZ",
            "REG_RESOURCE_LIST", "REG_FULL_RESOURCE_DESCRIPTION", "REG_RESOURCE_REQUIREMENTS_LIST", "REG_QWORD",
            "REG_INVALID_TYPE");
}
