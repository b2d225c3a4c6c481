/** The guidance the template's clauses rest on. Each clause lists the ids it draws from. */
export const SOURCES = {
  "gmc-2024": {
    title: "Using social media as a medical professional (2024)",
    publisher: "General Medical Council",
    url: "https://www.gmc-uk.org/professional-standards/the-professional-standards/using-social-media-as-a-medical-professional",
  },
  nmc: {
    title: "Guidance on using social media responsibly",
    publisher: "Nursing and Midwifery Council",
    url: "https://www.nmc.org.uk/standards/guidance/social-media-guidance/",
  },
  "rcgp-highway-code": {
    title: "Social Media Highway Code",
    publisher: "Royal College of General Practitioners",
    url: "https://www.rcgp.org.uk/",
  },
  bma: {
    title: "Ethics of social media use",
    publisher: "British Medical Association",
    url: "https://www.bma.org.uk/advice-and-support/ethics/personal-ethics/ethics-of-social-media-use",
  },
  "acas-guidance": {
    title: "Social media at work (guidance for employers)",
    publisher: "Acas",
    url: "https://www.acas.org.uk/",
  },
  "acas-code": {
    title: "Code of Practice on disciplinary and grievance procedures",
    publisher: "Acas",
    url: "https://www.acas.org.uk/acas-code-of-practice-on-disciplinary-and-grievance-procedures",
  },
  "ico-breach": {
    title: "Personal data breaches: reporting to the ICO",
    publisher: "Information Commissioner's Office",
    url: "https://ico.org.uk/for-organisations/report-a-breach/",
  },
} as const;

export type SourceId = keyof typeof SOURCES;
export const SOURCE_IDS = Object.keys(SOURCES) as SourceId[];
export const isSourceId = (v: string): v is SourceId => v in SOURCES;
