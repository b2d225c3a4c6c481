// The things every member checks on each of their personal accounts, each tied to the policy clause that asks
// for it (by the clause's stable key, so the link follows the practice's own numbering).

/** A stable id for one item of the check. */
export const ITEM_IDS = [
  "privacy-settings",
  "neutral-picture",
  "no-work-contact-details",
  "not-registered-with-nhsmail",
  "not-naming-the-practice",
  "patient-friend-requests",
  "breaks-only",
  "location-sharing",
] as const;
export type ItemId = (typeof ITEM_IDS)[number];

/** One item of the check, the same on every platform; how to do it differs per platform. */
export interface ItemDefinition {
  id: ItemId;
  /** What to do, as a short imperative. */
  title: string;
  /** Why the practice asks it, in a sentence or two. */
  why: string;
  /** The template clauses that ask for it, most specific first; the first one the practice's policy has is linked. */
  clauseKeys: readonly string[];
}

export const ITEMS: readonly ItemDefinition[] = [
  {
    id: "privacy-settings",
    title: "Set your privacy settings as high as they go",
    why: "Patients and the public should not see your posts, friends or personal details. Settings help, but treat anything you post as public all the same: screenshots travel.",
    clauseKeys: ["set-privacy-high", "never-rely-on-privacy"],
  },
  {
    id: "neutral-picture",
    title: "Use a neutral profile picture",
    why: "A photo in uniform, with an ID badge or lanyard, or taken inside the practice tells strangers where you work.",
    clauseKeys: ["neutral-picture"],
  },
  {
    id: "no-work-contact-details",
    title: "Keep your work email and work phone off your profile",
    why: "Work contact details on a personal profile link it to the practice and invite patients to contact you there.",
    clauseKeys: ["no-work-details"],
  },
  {
    id: "not-registered-with-nhsmail",
    title: "Sign up with a personal email address, not NHSmail",
    why: "An account registered with NHSmail or a practice address ties your personal account to work, and you lose it if you leave.",
    clauseKeys: ["no-work-details"],
  },
  {
    id: "not-naming-the-practice",
    title: "Do not name the practice as your employer",
    why: "Naming the practice makes your posts reflect on it and makes you easier for patients to find.",
    clauseKeys: ["not-naming-the-practice", "you-represent-us"],
  },
  {
    id: "patient-friend-requests",
    title: "Decide who can send you friend or follow requests",
    why: "Do not accept friend requests from patients on personal accounts; making yourself harder to find means fewer to turn down.",
    clauseKeys: ["friend-requests", "patients-contacting-you"],
  },
  {
    id: "breaks-only",
    title: "Keep personal social media to your breaks",
    why: "Personal use at work belongs in breaks, on your own device and away from patient areas, where no patient, record or screen can end up in a photo.",
    clauseKeys: ["breaks-only"],
  },
  {
    id: "location-sharing",
    title: "Turn off location sharing near your home and the surgery",
    why: "Location tags, live maps and recorded routes can show where you live and where you work.",
    clauseKeys: ["location-sharing"],
  },
];

/** The item with this id. */
export const itemById = (id: ItemId): ItemDefinition => ITEMS.find((i) => i.id === id)!;
