import { CardField, CommodityCard } from "../core/queries/card";

/**
 * A commodity card as Excel's data type (an entity): each field a property Excel can read with
 * `=A1.Field` or FIELDVALUE, numbers as Doubles carrying their source (attribution) and their
 * period, unit and qualifier (sublabel), and a card layout in sections.
 */
export function toEntity(card: CommodityCard): Excel.EntityCellValue {
  const properties: Record<string, Excel.EntityPropertyType> = {};
  for (const [name, field] of card.fields) properties[name] = toProperty(card, field);
  return {
    type: "Entity",
    text: card.name,
    properties,
    layouts: {
      card: {
        title: { property: "Name" },
        sections: card.sections.map((section) => ({
          layout: "List",
          title: section.title,
          properties: section.fields,
        })),
      },
    },
    provider: {
      description: `Minerals for Excel: ${card.dataset}. Every figure cites its source.`,
    },
  };
}

function toProperty(card: CommodityCard, field: CardField): Excel.EntityPropertyType {
  const attribution: Excel.CellValueAttributionAttributes[] =
    field.sources.length > 0
      ? field.sources.map((source) => ({
          sourceText: `${source.publisher}, "${source.title}" (${source.published})`,
          ...(source.url ? { sourceAddress: source.url } : {}),
        }))
      : [{ sourceText: card.dataset }];
  if (field.kind === "number") {
    return {
      type: "Double",
      basicValue: field.value,
      propertyMetadata: { sublabel: field.sublabel, attribution },
    };
  }
  return {
    type: "String",
    basicValue: field.value,
    ...(field.sources.length > 0 ? { propertyMetadata: { attribution } } : {}),
  };
}
