// Example operations for the headline questions, opened as tabs in the GraphQL IDE.
window.CROSSWALK_EXAMPLES = [
  {
    query: `# Which SOC 2 criteria already satisfy ISO/IEC 42001 Annex A, and why?
query SatisfiesAnnexA {
  coverage(target: "iso42001", held: ["soc2"], kind: CONTROL) {
    summary { total full partial none unassessed coveredShare }
    items {
      requirement { ref title }
      status
      via { requirement { id title } relationship strength note }
      noRelationships { reason }
    }
  }
}`,
  },
  {
    query: `# What is genuinely new for ISO/IEC 42001 if I hold SOC 2 and ISO 27001?
query GenuinelyNew {
  gaps(target: "iso42001", held: ["soc2", "iso27001"]) {
    total none unassessed ordering
    items { rank requirement { ref title } status consequence disciplines { name } risks { name } evidence { name } }
  }
}`,
  },
  {
    query: `# How far apart are two frameworks, in both directions?
query HowFarApart {
  overlap(a: "soc2", b: "iso27001") {
    aCoversB { summary { coveredShare fullShare } }
    bCoversA { summary { coveredShare fullShare } }
    sharedDisciplines { discipline { name } countA countB }
  }
}`,
  },
  {
    query: `# Which evidence can I produce once and reuse?
query CollectOnce {
  evidencePlan(frameworks: ["soc2", "iso42001", "iso27001"]) {
    items { rank evidence { name } requirementCount perFramework { framework { shortName } count } }
  }
}`,
  },
  {
    query: `# Which framework next, and how do they compare?
query WhatNext {
  roadmap(held: ["soc2"]) { rank framework { shortName } marginalWork marginalShare coverage { coveredShare } }
  compare(frameworks: ["soc2", "iso42001", "iso27001"]) { framework { shortName } kind issuer assessedBy output validity market aiSpecific requirementCount aiDisciplineShare }
}`,
  },
  {
    query: `# Why is a SOC 2 criterion linked to an Annex A control? And what does a document's citation point at?
query WhyLinked {
  explain(from: "soc2:CC7.2", to: "iso42001:A.6.2.6") { length hops { kind from { id } to { id } relationship strength discipline { name } } }
  resolveRefs(refs: ["Annex A 6.2.4", "CC 6.1", "GV-1.1", "Art. 14", "ISO 42001 A.7.2 Fairness"]) { input confidence requirement { id title } citedTitle titleMatches }
}`,
  },
];
