import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { SOURCES } from "../core/policy";
import type { PublishedPolicy } from "../app/policy/read-policy";
import { longDate } from "./format";

/** The published policy as a Word document (practices keep Word copies), with its version history. */
export async function policyDocx(p: PublishedPolicy): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: [new TextRun(`${p.practice.name}: social media policy`)],
    }),
    new Paragraph({
      children: [
        new TextRun(
          `Version ${p.version}, published ${longDate(p.publishedAt)}${p.reviewDue ? `. Next review by ${longDate(p.reviewDue)}` : ""}.`,
        ),
      ],
    }),
  ];
  for (const s of p.sections) {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${s.number}. ${s.title}`)] }),
    );
    for (const c of s.clauses) {
      children.push(
        new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(`${c.number} ${c.title}`)] }),
      );
      if (c.hotTopic)
        children.push(
          new Paragraph({
            children: [
              new TextRun({
                text: `Hot topic: ${c.hotTopic.label}${c.hotTopic.end ? ` until ${longDate(c.hotTopic.end)}` : ""}`,
                italics: true,
              }),
            ],
          }),
        );
      for (const b of c.blocks) {
        if (b.kind === "paragraph") children.push(new Paragraph({ children: [new TextRun(b.text)] }));
        else
          for (const item of b.items)
            children.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(item)] }));
      }
      if (c.sources.length)
        children.push(
          new Paragraph({
            children: [
              new TextRun({
                text: `Sources: ${c.sources.map((id) => `${SOURCES[id].publisher}, ${SOURCES[id].title}`).join("; ")}`,
                italics: true,
                size: 18,
              }),
            ],
          }),
        );
    }
  }
  children.push(
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("Version history")] }),
  );
  for (const h of p.history)
    children.push(
      new Paragraph({
        children: [
          new TextRun(
            `${h.version} (${h.changeKind}), published ${h.publishedAt ? longDate(h.publishedAt) : "-"}: ${h.changelog || "no note"}`,
          ),
        ],
      }),
    );
  const doc = new Document({
    creator: "safepost",
    title: `${p.practice.name} social media policy ${p.version}`,
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
