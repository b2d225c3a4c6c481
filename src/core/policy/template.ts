import type { RuleId } from "../checker/types";
import type { SourceId } from "./sources";
import type { HotTopicWindow, PolicyClause, PolicyDocument, PolicySection } from "./types";

// The safepost template: written by us in plain UK English. Facts follow the GMC, NMC, RCGP, BMA, Acas
// and ICO guidance each clause cites; the wording is our own. {{placeholders}} fill from practice settings.

interface ClauseOptions {
  sources?: SourceId[];
  patientFacing?: boolean;
  rules?: RuleId[];
  hotTopic?: HotTopicWindow;
}

function clause(key: string, title: string, text: string, o: ClauseOptions = {}): PolicyClause {
  const c: PolicyClause = {
    key,
    title,
    text,
    sources: o.sources ?? [],
    patientFacing: o.patientFacing ?? false,
    rules: o.rules ?? [],
  };
  if (o.hotTopic) c.hotTopic = o.hotTopic;
  return c;
}

const section = (key: string, title: string, clauses: PolicyClause[]): PolicySection => ({
  key,
  title,
  clauses,
});

const REGULATORS: SourceId[] = ["gmc-2024", "nmc", "rcgp-highway-code", "bma"];

const sections: PolicySection[] = [
  section("purpose-and-scope", "Purpose and scope", [
    clause(
      "why-this-policy",
      "Why we have this policy",
      "Social media lets {{practice.name}} share news and health advice with patients quickly. The same speed means one careless post can break a patient's confidence, hurt a colleague or damage trust in the practice within minutes.\n\nThis policy says what we expect of everyone who works here, so that people can use social media with confidence and know where the lines are.",
      { sources: ["rcgp-highway-code", "acas-guidance"] },
    ),
    clause(
      "who-it-covers",
      "Who it covers",
      "This policy applies to everyone who works for or with the practice, clinical and non-clinical:\n\n- partners, salaried GPs and other doctors\n- nurses, healthcare assistants, pharmacists and other clinicians\n- reception, administrative and management staff\n- locums, trainees, students and volunteers\n\nIt applies to every platform (for example Facebook, Instagram, X, TikTok, LinkedIn, YouTube, forums, review sites and messaging groups such as WhatsApp), on any device, at work and away from it.",
      { sources: ["acas-guidance", "rcgp-highway-code"] },
    ),
    clause(
      "personal-and-professional",
      "Your personal and professional life overlap",
      "Online, your personal and professional lives cannot always be kept apart. Patients, colleagues and the public may see what you post, even on accounts you think of as private.\n\nA simple test: if you would not say it out loud in a waiting room full of patients and colleagues, or to a newspaper reporter, do not post it.\n\nDoctors, nurses and other registered professionals must also follow their regulator's guidance. Where that guidance is stricter than this policy, it applies.",
      { sources: REGULATORS },
    ),
  ]),
  section("private-and-business-use", "Private and business use", [
    clause(
      "business-use",
      "Posting for the practice",
      "Business use means posting, replying or messaging on behalf of the practice. Only the members of the practice's posting group may do this (see the section on the practice's own accounts).",
      { sources: ["acas-guidance"] },
    ),
    clause(
      "private-use",
      "Your own accounts",
      "Your personal accounts are your own. The practice does not monitor them. However, this policy applies whenever a post touches on the practice, your colleagues or our patients, and we will act on concerns that are brought to us.",
      { sources: ["acas-guidance", "rcgp-highway-code"] },
    ),
  ]),
  section("talking-about-the-practice", "What you may and may not say about the practice", [
    clause(
      "what-you-may-say",
      "What you may do",
      "You may share the practice's public posts and NHS health campaigns, and you may take part in professional discussion in general terms, as long as no patient, colleague or confidential matter can be identified.",
      { sources: ["acas-guidance", "gmc-2024"] },
    ),
    clause(
      "what-you-may-not-say",
      "What you must not do",
      "You must not:\n\n- speak on behalf of the practice unless you are in the posting group\n- share internal matters, such as staffing problems, disputes, contracts or finances\n- criticise the practice, colleagues or other NHS services in public\n- post anything that could bring the practice into disrepute\n\nIf you have a concern about the practice, raise it with your manager, a partner or the practice's Freedom to Speak Up route. Raising concerns properly is protected; posting them online is not the way to do it.",
      { sources: ["acas-guidance", "gmc-2024", "nmc"] },
    ),
    clause(
      "venting",
      "Letting off steam",
      "Working in general practice is demanding, and it is natural to feel frustrated at times. Talk it through with colleagues, your manager, family or friends rather than online. A post written in anger is easily misread, shared and screenshotted, and it cannot be taken back.",
      { sources: ["rcgp-highway-code", "bma"], rules: ["venting"] },
    ),
  ]),
  section("confidentiality", "Confidentiality and clinical stories", [
    clause(
      "no-clinical-information",
      "No clinical information, however small",
      "Never post anything about a patient's health or care, however minor or harmless it seems. This includes symptoms, conditions, test results, medicines, appointments and the fact that someone is a patient of the practice.",
      { sources: REGULATORS, rules: ["clinical-detail"] },
    ),
    clause(
      "jigsaw-identification",
      "Jigsaw identification",
      "A patient can be identified without being named. Small details, such as an age, a street, a job, a date or an unusual event, can be pieced together by someone who knows them. Changing a name or leaving one out does not make a story safe.\n\nNever post a patient's name, date of birth, address, postcode, phone number, email address or NHS number.",
      { sources: ["gmc-2024", "nmc", "bma"], rules: ["patient-identifier"] },
    ),
    clause(
      "patient-stories",
      "Stories about patients",
      "Do not share stories about patients, even funny, touching or anonymous ones. Our patients and their families may read them and wonder whether we talk about them too, and people with similar experiences may feel mocked.",
      { sources: ["gmc-2024", "rcgp-highway-code"] },
    ),
    clause(
      "educational-content",
      "Educational content",
      "Clinical cases may be discussed for education only in closed groups for professionals, only with the patient's consent where there is any chance they could be recognised, and only in line with UK GDPR. Remove every identifying detail. If you are unsure, do not post.",
      { sources: ["gmc-2024", "bma"] },
    ),
    clause(
      "confidentiality-continues",
      "The duty does not end",
      "Your duty of confidentiality is the same online as it is at work, and it continues after you leave the practice.",
      { sources: ["gmc-2024", "nmc"] },
    ),
  ]),
  section("privacy-settings", "Privacy settings", [
    clause(
      "set-privacy-high",
      "Set your privacy settings high",
      "Set the privacy settings on your personal accounts as high as they will go and check them regularly, as platforms change them. This matters especially if you follow or like the practice's own pages, because patients can see who does.",
      { sources: ["rcgp-highway-code", "bma"] },
    ),
    clause(
      "never-rely-on-privacy",
      "Never rely on them",
      "Treat everything you post as public. Posts can be screenshotted, shared and found years later, whatever your settings. There is no expectation of privacy on social media.",
      { sources: ["gmc-2024", "nmc", "rcgp-highway-code"] },
    ),
    clause(
      "location-sharing",
      "Location sharing",
      "Turn off location tagging and route sharing (for example in running and cycling apps) near your home and the practice.",
      { sources: ["rcgp-highway-code"] },
    ),
  ]),
  section("respect", "Respect, bullying and harassment", [
    clause(
      "respect-colleagues",
      "Treat people online as you would at work",
      "Bullying, harassment, abuse and discriminatory remarks are not acceptable online any more than they are at work. This includes private groups and messaging apps, and posts about colleagues, patients or anyone else.",
      { sources: ["acas-guidance", "gmc-2024", "nmc"], rules: ["bullying", "abuse"] },
    ),
    clause(
      "mindful-of-colleagues",
      "Be mindful of colleagues",
      "Ask before you post a photo of a colleague or tag them, and think about how a post might affect colleagues who are your friends or followers online.",
      { sources: ["acas-guidance"] },
    ),
    clause(
      "no-defamation",
      "Nothing untrue or damaging",
      "Do not post anything untrue that could damage someone's reputation, whether about a colleague, a patient, another organisation or the practice.",
      { sources: ["bma", "acas-guidance"], rules: ["defamation"] },
    ),
  ]),
  section("misinformation", "Misinformation and hot topics", [
    clause(
      "accurate-information",
      "Share accurate health information",
      "Only share health information that agrees with NHS guidance and reliable sources. Do not present personal opinion as clinical advice. People trust health professionals, and practice staff, to get this right.",
      { sources: ["gmc-2024", "nmc", "rcgp-highway-code"], rules: ["misinformation"] },
    ),
    clause(
      "hot-topic-vaccination",
      "Hot topic: vaccination",
      "While vaccination campaigns are running, do not post or share content that questions the safety or value of vaccines recommended by the NHS. If someone asks you about a vaccine, point them to the NHS website or invite them to speak to a clinician at the practice.",
      {
        sources: ["gmc-2024", "nmc"],
        hotTopic: {
          label: "Vaccination",
          claims: [
            "vaccines cause autism",
            "vaccines contain microchips",
            "vaccines alter your dna",
            "vaccines are poison",
          ],
        },
      },
    ),
    clause(
      "hot-topics-change",
      "How hot topics are added and ended",
      "When a subject becomes a source of harmful misinformation, the practice may add a hot-topic clause with a start date and an end date. It applies only between those dates and leaves the published policy when it ends.",
      { sources: ["rcgp-highway-code"] },
    ),
  ]),
  section("identifying-yourself", "Identifying yourself as an employee", [
    clause(
      "not-naming-the-practice",
      "Do not name the practice on personal profiles",
      "We ask you not to name the practice as your employer on personal social media profiles. It lowers the chance of a post being linked to the practice and of patients contacting you on your own accounts.\n\nOn professional networks such as LinkedIn you may give your role, and you should make clear that the views you express are your own.",
      { sources: ["acas-guidance", "gmc-2024"], rules: ["employer-identification"] },
    ),
    clause(
      "you-represent-us",
      "If people know where you work",
      "If people know that you work here, what you post reflects on the practice. Take particular care over anything about health, patients or local services.",
      { sources: ["gmc-2024", "nmc"] },
    ),
  ]),
  section("work-contact-details", "Work contact details and NHSmail", [
    clause(
      "no-work-details",
      "Keep work details off personal accounts",
      "Do not use your work email address, your NHSmail account or practice phone numbers on personal profiles, and do not use them to register for personal social media accounts.",
      { sources: ["acas-guidance"], rules: ["work-contact-details"] },
    ),
    clause(
      "no-personal-details-to-patients",
      "Keep personal details away from patients",
      "Do not give patients your personal phone number, email address or social media accounts.",
      { sources: ["gmc-2024", "bma"] },
    ),
  ]),
  section("use-at-work", "Personal use at work", [
    clause(
      "breaks-only",
      "Breaks only",
      "Use social media for personal reasons only during your breaks, on your own device and away from patient areas. Never take photographs or recordings where patients, their records or screens could be seen.",
      { sources: ["acas-guidance"] },
    ),
  ]),
  section("sick-leave", "Sick leave", [
    clause(
      "posting-while-off-sick",
      "Posting while off sick",
      "Think carefully about what you post while you are off sick. Posts that appear to contradict the reason for your absence may be looked into. Many illnesses allow some activity, and some activity helps recovery, so we will always talk to you before drawing conclusions. Dishonesty about sickness absence may be treated as gross misconduct.",
      { sources: ["acas-guidance", "acas-code"], rules: ["sick-leave-conflict"] },
    ),
  ]),
  section("profile-pictures", "Profile pictures", [
    clause(
      "neutral-picture",
      "Use a neutral picture",
      "Use a neutral profile picture. Avoid photographs in uniform, wearing an ID badge or lanyard, or taken inside the practice.",
      { sources: ["rcgp-highway-code"] },
    ),
  ]),
  section("contact-from-patients", "Friend requests and contact from patients", [
    clause(
      "friend-requests",
      "Friend requests from patients",
      "Do not send friend requests to patients or accept them on your personal accounts. Decline politely and suggest the patient follows the practice's own pages. In a small community some patients will already be your friends or family; that is fine, but never discuss their care online.",
      { sources: ["gmc-2024", "nmc", "bma"] },
    ),
    clause(
      "patients-contacting-you",
      "If a patient contacts you on a personal account",
      "Do not give advice or discuss care through a personal account. Reply briefly that you cannot help there and that they should contact the practice through the NHS App, online consultation or by phone. Tell your manager if it happens again.",
      { sources: ["gmc-2024", "nmc"] },
    ),
  ]),
  section("practice-accounts", "The practice's own accounts", [
    clause(
      "how-we-use-social-media",
      "How the practice uses social media",
      "{{practice.name}} uses social media to share news about our services, opening times, health campaigns and reliable health information. Our website is {{practice.website}}.",
      { sources: ["rcgp-highway-code"], patientFacing: true },
    ),
    clause(
      "posting-group",
      "A small posting group",
      "Only a small group of named staff post on the practice's accounts. The practice manager keeps the list and removes access on the day someone leaves the group or the practice.",
      { sources: ["rcgp-highway-code", "acas-guidance"] },
    ),
    clause(
      "account-security",
      "Keeping the accounts secure",
      "Every practice account has a strong, unique password kept in a password manager, and two-factor authentication switched on. Passwords are changed whenever someone with access leaves. A lost or hacked account is reported at once.",
      { sources: ["ico-breach"] },
    ),
    clause(
      "post-approval",
      "A second person approves every post",
      "Every post is checked before it goes out and approved by a second member of the posting group or a partner, never by the person who wrote it. Posts never include patient information, or photographs of patients without their written consent.",
      { sources: ["gmc-2024", "rcgp-highway-code"] },
    ),
    clause(
      "sharing-not-endorsement",
      "Sharing is not endorsement",
      "When the practice shares or reposts something, it is not necessarily endorsing everything in it.",
      { sources: ["rcgp-highway-code"], patientFacing: true },
    ),
    clause(
      "moderation",
      "Comments are moderated",
      "We read and moderate comments on our pages. We may hide or remove comments that share personal or medical information, are abusive or threatening, identify staff, or are defamatory.",
      { sources: ["rcgp-highway-code"], patientFacing: true },
    ),
  ]),
  section("patients-on-practice-channels", "Talking with patients on our channels", [
    clause(
      "not-for-appointments",
      "Social media is not for appointments, prescriptions or medical questions",
      "Please do not use social media to ask for appointments, prescriptions or medical advice. Instead:\n\n- use the NHS App\n- use our online consultation service: {{practice.onlineConsultationUrl}}\n- phone us on {{practice.phone}}\n- for urgent help when we are closed, use NHS 111 online or call 111\n- in an emergency, call 999",
      { sources: ["rcgp-highway-code"], patientFacing: true, rules: ["medical-information-shared"] },
    ),
    clause(
      "not-secure",
      "Keep medical information private",
      "Social media is not a secure way to share medical information. Please do not post details of your own health, or anyone else's, on our pages. If you do, we will hide the comment to protect your privacy and suggest a private way to contact us.",
      { sources: ["gmc-2024", "ico-breach"], patientFacing: true, rules: ["insecure-channel"] },
    ),
    clause(
      "complaints",
      "Complaints",
      "We cannot deal with complaints on social media. Please follow our complaints procedure ({{practice.complaintsProcedureUrl}}) or phone {{practice.phone}} and ask for the practice manager, so that we can look into your concerns properly and privately.",
      { sources: ["rcgp-highway-code"], patientFacing: true },
    ),
    clause(
      "reviews",
      "Reviews",
      "If you would like to leave a review of the practice, please do so on the nhs.uk website, where we can read it and respond.",
      { sources: ["rcgp-highway-code"], patientFacing: true },
    ),
    clause(
      "consistent-replies",
      "How staff reply",
      "The posting group replies politely and consistently, using the practice's agreed wording. Replies never confirm that someone is a patient and never discuss anyone's care in public.",
      { sources: ["gmc-2024", "rcgp-highway-code"] },
    ),
  ]),
  section("what-we-ask-of-patients", "What we ask of patients", [
    clause(
      "photos-and-recordings",
      "Photographs and recordings",
      "Please do not take photographs or recordings of other patients, for example in the waiting room, or of our staff without their clear consent. Please use mobile phones considerately in the practice.",
      { patientFacing: true },
    ),
    clause(
      "not-identifying-staff",
      "Please do not identify staff",
      "Please do not post comments that name or identify individual members of staff.",
      { patientFacing: true, rules: ["staff-identification"] },
    ),
    clause(
      "defamatory-comments",
      "Defamatory comments",
      "Comments that make damaging and untrue claims about our team will be removed and kept as a record. We will take legal advice and may take action against the person who posted them.",
      { patientFacing: true },
    ),
    clause(
      "abuse-and-threats",
      "Abuse and threats",
      "Abusive or threatening comments will be removed and kept as a record, and may be reported to the police.",
      { patientFacing: true },
    ),
  ]),
  section("concerns-and-breaches", "Reporting concerns, discipline and data breaches", [
    clause(
      "reporting-concerns",
      "Reporting a concern",
      "Tell the practice manager or a partner straight away if you see a post that worries you (about you, a colleague, a patient or the practice), or if a practice account may have been compromised. Do not reply to the post yourself. Note where and when you saw it; do not copy or share anything that contains patient information.",
      { sources: ["acas-guidance", "gmc-2024"] },
    ),
    clause(
      "disciplinary-process",
      "The disciplinary process",
      "A possible breach of this policy is handled under the practice's disciplinary procedure, which follows the Acas Code of Practice:\n\n- the facts are established promptly, before any decision\n- you are told in writing what the concern is\n- you are invited to a meeting and may be accompanied by a colleague or a trade union representative\n- the decision is given to you in writing\n- you may appeal\n\nSerious breaches, such as sharing patient information or harassing a colleague, may be gross misconduct. Concerns about a registered professional may also be referred to their regulator.",
      { sources: ["acas-code", "acas-guidance", "gmc-2024", "nmc"] },
    ),
    clause(
      "data-breaches",
      "Personal data breaches",
      "A post that reveals information about a patient is a personal data breach. Report it to the practice manager and the data protection officer at once. The practice will contain it (for example by asking for the post to be removed), assess the risk to the people affected and decide within 72 hours of becoming aware of it whether it must be reported to the Information Commissioner's Office. The decision and the reasons for it are recorded either way, and the people affected are told when the law requires it.",
      { sources: ["ico-breach"] },
    ),
  ]),
  section("review", "Review of this policy", [
    clause(
      "how-reviewed",
      "How and when the policy is reviewed",
      "The policy is reviewed at least every 12 months, and sooner if guidance changes, after an incident or when a new hot topic arises. Changes are shared with staff for comment and agreed with the staff representative before a partner approves them.",
      { sources: ["acas-guidance", "rcgp-highway-code"] },
    ),
    clause(
      "acknowledgement",
      "Reading and acknowledging the policy",
      "Everyone covered by this policy reads it and confirms that they have done so. A major new version asks everyone to confirm again; small corrections, such as updated contact details, do not.",
      { sources: ["acas-guidance"] },
    ),
  ]),
];

/** The safepost template, ready to adopt as a practice's first draft. Returns a fresh copy each time. */
export function policyTemplate(): PolicyDocument {
  return structuredClone({ sections });
}
