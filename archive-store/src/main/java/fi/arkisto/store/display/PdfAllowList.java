package fi.arkisto.store.display;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.apache.pdfbox.contentstream.PDContentStream;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a printable PDF/A display form may contain, walked from the trailer: every dictionary the walk reaches is of a
 * known kind, and a key its kind does not name refuses the file (docs/display-forms.md, "PDF display forms").
 * Named: the page tree, page content (checked to have no PostScript pass-through {@code PS}), resources, fonts,
 * images and form XObjects, document information, XMP metadata, structure tree, output intents, page labels,
 * bookmarks, named destinations, and annotations of the standard markup subtypes whose only actions go to a place in
 * the document, turn the page, or write a mail (mailto:, tel:, as the XHTML form may). Colour spaces, functions,
 * shadings, patterns, graphics states, structure and marked-content data are data: any dictionary is allowed there
 * but none of {@link PdfDisplayFormSafety#FORBIDDEN_KEYS}, no file specification, no action and no stream that
 * points at an external file. Not named, so refused: forms (AcroForm, XFA), JavaScript, embedded and attached files,
 * multimedia, 3D, optional content (it can show on screen what does not print), reference XObjects and OPI, other
 * actions, encryption. Not thread-safe: one per check.
 */
final class PdfAllowList {

    private enum Kind {
        TRAILER, INFO, CATALOG, PAGE_TREE, RESOURCES, FONTS, FONT, FONT_DESCRIPTOR, XOBJECTS, XOBJECT, CONTENT,
        ANNOTATION, APPEARANCE, ACTION, DESTINATION, NAMES, DEST_TREE, DESTS, OUTLINES, OUTLINE_ITEM, METADATA,
        OUTPUT_INTENT, DATA
    }

    private static final Set<String> STREAM = Set.of("Length", "Filter", "DecodeParms", "DL");
    private static final Map<Kind, Set<String>> SCALARS = Map.ofEntries(
            Map.entry(Kind.TRAILER, Set.of("Size", "Prev", "XRefStm", "Type", "Index", "W", "Length", "Filter",
                    "DecodeParms")),
            Map.entry(Kind.CATALOG, Set.of("Type", "Version", "PageLayout", "PageMode", "Lang", "LastModified")),
            Map.entry(Kind.PAGE_TREE, Set.of("Type", "Count", "MediaBox", "CropBox", "BleedBox", "TrimBox", "ArtBox",
                    "Rotate", "Dur", "StructParents", "Tabs", "UserUnit", "LastModified", "ID", "PZ")),
            Map.entry(Kind.FONT, Set.of("Type", "Subtype", "BaseFont", "Name", "FirstChar", "LastChar", "Widths", "DW",
                    "W", "DW2", "W2", "FontBBox", "FontMatrix")),
            Map.entry(Kind.FONT_DESCRIPTOR, Set.of("Type", "FontName", "FontFamily", "FontStretch", "FontWeight",
                    "Flags", "FontBBox", "ItalicAngle", "Ascent", "Descent", "Leading", "CapHeight", "XHeight", "StemV",
                    "StemH", "AvgWidth", "MaxWidth", "MissingWidth", "CharSet", "Lang")),
            Map.entry(Kind.XOBJECT, Set.of("Type", "Subtype", "Width", "Height", "BitsPerComponent", "Intent",
                    "ImageMask", "SMaskInData", "Decode", "Interpolate", "Name", "StructParent", "StructParents", "ID",
                    "FormType", "BBox", "Matrix", "LastModified", "Matte")),
            Map.entry(Kind.ANNOTATION, Set.of("Type", "Subtype", "Rect", "Contents", "NM", "M", "F", "AS", "Border", "C",
                    "StructParent", "CA", "ca", "T", "RC", "CreationDate", "Subj", "RT", "IT", "IC", "LE", "L", "LL", "LLE",
                    "LLO", "Cap", "CP", "CO", "Vertices", "Path", "InkList", "QuadPoints", "Open", "Name", "State",
                    "StateModel", "CL", "DA", "DS", "Q", "RD", "H", "Lang", "BM")),
            Map.entry(Kind.ACTION, Set.of("Type", "S", "N", "URI", "IsMap")),
            Map.entry(Kind.NAMES, Set.of()),
            Map.entry(Kind.OUTLINES, Set.of("Type", "Count")),
            Map.entry(Kind.OUTLINE_ITEM, Set.of("Title", "Count", "C", "F")),
            Map.entry(Kind.METADATA, Set.of("Type", "Subtype")),
            Map.entry(Kind.OUTPUT_INTENT, Set.of("Type", "S", "OutputCondition", "OutputConditionIdentifier",
                    "RegistryName", "Info")));
    /**
     * Keys that point back up or across the tree (parents, previous and last siblings, the page of an annotation,
     * the annotation replied to, the structure element): what they reach is reached, and judged, by its own path.
     */
    private static final Set<String> BACK_REFERENCES = Set.of("Parent", "P", "Prev", "Last", "IRT", "SE");
    private static final Set<String> ANNOTATIONS = Set.of("Text", "Link", "FreeText", "Line", "Square", "Circle",
            "Polygon", "PolyLine", "Highlight", "Underline", "Squiggly", "StrikeOut", "Stamp", "Caret", "Ink", "Popup",
            "Watermark", "PrinterMark");
    private static final Map<String, String> REFUSED_ANNOTATIONS = Map.of("Widget", "a form field",
            "FileAttachment", "an attached file", "Sound", "a sound", "Movie", "a movie", "Screen", "media",
            "3D", "a 3D model (which carries its own JavaScript)", "RichMedia", "rich media (Flash, video)",
            "Redact", "a redaction not yet applied", "TrapNet", "a trap network", "Projection", "a 3D projection");
    private static final Set<String> PAGE_ACTIONS = Set.of("NextPage", "PrevPage", "FirstPage", "LastPage");

    /** One object still to judge, as the kind of dictionary it was reached as. */
    private record Step(COSBase object, Kind kind, String where) {
    }

    private final Deque<Step> pending = new ArrayDeque<>();
    private final Map<COSBase, Set<Kind>> visited = new IdentityHashMap<>();
    private final Set<COSBase> visitedData = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    /** @throws ArchiveException DISPLAY_FORM_UNSAFE naming the first construct the allow list does not name */
    void check(COSDictionary trailer) {
        push(trailer, Kind.TRAILER, "the trailer");
        while (!pending.isEmpty()) {
            Step next = pending.pop();
            visit(next.object(), next.kind(), next.where());
        }
    }

    private void push(COSBase value, Kind kind, String where) {
        COSBase object = value instanceof COSObject indirect ? indirect.getObject() : value;
        if (object == null || object instanceof COSNull) {
            return;
        }
        if (kind != Kind.DATA && !visited.computeIfAbsent(object, o -> new HashSet<>()).add(kind)) {
            return;
        }
        pending.push(new Step(object, kind, where));
    }

    private void visit(COSBase object, Kind kind, String where) {
        switch (kind) {
            case DATA -> data(object, where);
            case DESTINATION -> destination(object, where);
            case CONTENT -> content(object, where);
            case APPEARANCE -> appearance(object, where);
            default -> {
                if (kind == Kind.INFO) {
                    info(object);
                    return;
                }
                if (object instanceof COSArray array) {
                    // arrays of a kind: annotation lists, kids, output intents, descendant fonts, content arrays
                    for (int i = 0; i < array.size(); i++) {
                        push(array.get(i), kind, where);
                    }
                    return;
                }
                if (!(object instanceof COSDictionary dictionary)) {
                    throw refused("a " + object.getClass().getSimpleName().replace("COS", "").toLowerCase(Locale.ROOT)
                            + " where " + where + " must be a dictionary");
                }
                dictionary(dictionary, kind, where);
            }
        }
    }

    private void dictionary(COSDictionary dictionary, Kind kind, String where) {
        Set<String> scalars = SCALARS.getOrDefault(kind, Set.of());
        boolean stream = dictionary instanceof COSStream;
        String subtype = name(dictionary, COSName.SUBTYPE);
        String what = describe(kind, dictionary, where);
        if (kind == Kind.ANNOTATION) {
            annotationSubtype(subtype);
        }
        if (kind == Kind.XOBJECT && !"Image".equals(subtype) && !"Form".equals(subtype)) {
            throw refused("an XObject of subtype /" + subtype + " (only images and forms: no PostScript XObjects)");
        }
        if (kind == Kind.ACTION) {
            action(dictionary);
        }
        for (Map.Entry<COSName, COSBase> entry : dictionary.entrySet()) {
            String key = entry.getKey().getName();
            COSBase value = entry.getValue();
            if (scalars.contains(key) || (stream && STREAM.contains(key))) {
                continue;
            }
            if (BACK_REFERENCES.contains(key) && kind != Kind.FONTS && kind != Kind.XOBJECTS && kind != Kind.DESTS) {
                continue;
            }
            Kind child = child(kind, key, subtype);
            if (child == null) {
                throw refused("the key /" + key + " in " + what + ", which a printable PDF/A display form may not hold");
            }
            push(value, child, "/" + key + " of " + what);
        }
        if (kind == Kind.XOBJECT && "Form".equals(subtype)) {
            push(dictionary, Kind.CONTENT, what);
        }
        if (kind == Kind.PAGE_TREE && !dictionary.containsKey(COSName.KIDS)) {
            push(dictionary, Kind.CONTENT, "a page");
        }
    }

    /** Where a key of a kind leads; null when the kind does not name the key. */
    private static Kind child(Kind kind, String key, String subtype) {
        return switch (kind) {
            case TRAILER -> switch (key) {
                case "Root" -> Kind.CATALOG;
                case "Info" -> Kind.INFO;
                case "ID", "DocChecksum" -> Kind.DATA;
                default -> null;
            };
            case CATALOG -> switch (key) {
                case "Pages" -> Kind.PAGE_TREE;
                case "Names" -> Kind.NAMES;
                case "Dests" -> Kind.DESTS;
                case "Outlines" -> Kind.OUTLINES;
                case "Metadata" -> Kind.METADATA;
                case "OutputIntents" -> Kind.OUTPUT_INTENT;
                case "OpenAction" -> Kind.DESTINATION;
                case "PageLabels", "ViewerPreferences", "StructTreeRoot", "MarkInfo", "PieceInfo", "Extensions",
                     "Threads" -> Kind.DATA;
                default -> null;
            };
            case PAGE_TREE -> switch (key) {
                case "Kids" -> Kind.PAGE_TREE;
                case "Resources" -> Kind.RESOURCES;
                case "Contents" -> Kind.DATA;
                case "Annots" -> Kind.ANNOTATION;
                case "Metadata" -> Kind.METADATA;
                case "Thumb" -> Kind.XOBJECT;
                case "OutputIntents" -> Kind.OUTPUT_INTENT;
                case "Group", "BoxColorInfo", "B", "Trans", "PieceInfo", "SeparationInfo", "VP" -> Kind.DATA;
                default -> null;
            };
            case RESOURCES -> switch (key) {
                case "Font" -> Kind.FONTS;
                case "XObject" -> Kind.XOBJECTS;
                case "ExtGState", "ColorSpace", "Pattern", "Shading", "Properties", "ProcSet" -> Kind.DATA;
                default -> null;
            };
            case FONTS -> Kind.FONT;
            case XOBJECTS -> Kind.XOBJECT;
            case FONT -> switch (key) {
                case "FontDescriptor" -> Kind.FONT_DESCRIPTOR;
                case "DescendantFonts" -> Kind.FONT;
                case "Resources" -> Kind.RESOURCES;
                case "CharProcs" -> Kind.DATA;
                case "Encoding", "ToUnicode", "CIDSystemInfo", "CIDToGIDMap" -> Kind.DATA;
                default -> null;
            };
            case FONT_DESCRIPTOR -> switch (key) {
                case "FontFile", "FontFile2", "FontFile3", "CIDSet", "Style", "FD", "Panose" -> Kind.DATA;
                default -> null;
            };
            case XOBJECT -> switch (key) {
                case "Resources" -> Kind.RESOURCES;
                case "SMask" -> Kind.XOBJECT;
                case "Metadata" -> Kind.METADATA;
                case "ColorSpace", "Mask", "Group", "PieceInfo", "OC", "Measure", "PtData" -> Kind.DATA;
                default -> null;
            };
            case ANNOTATION -> switch (key) {
                case "AP" -> Kind.APPEARANCE;
                case "Popup" -> Kind.ANNOTATION;
                case "Dest" -> Kind.DESTINATION;
                case "A", "PA" -> Kind.ACTION;
                case "BS", "BE", "OC", "Measure", "FixedPrint" -> Kind.DATA;
                default -> null;
            };
            case ACTION -> switch (key) {
                case "D" -> Kind.DESTINATION;
                case "Next" -> Kind.ACTION;
                default -> null;
            };
            case NAMES -> "Dests".equals(key) ? Kind.DEST_TREE : null;
            case DEST_TREE -> switch (key) {
                case "Kids" -> Kind.DEST_TREE;
                case "Names", "Limits" -> Kind.DESTINATION;
                default -> null;
            };
            case DESTS -> Kind.DESTINATION;
            case OUTLINES -> "First".equals(key) ? Kind.OUTLINE_ITEM : null;
            case OUTLINE_ITEM -> switch (key) {
                case "First", "Next" -> Kind.OUTLINE_ITEM;
                case "Dest" -> Kind.DESTINATION;
                case "A" -> Kind.ACTION;
                default -> null;
            };
            case OUTPUT_INTENT -> switch (key) {
                case "DestOutputProfile", "MixingHints", "SpectralData" -> Kind.DATA;
                default -> null;
            };
            default -> null;
        };
    }

    /** An appearance: a form XObject, or a dictionary of them by state (N, R, D, then the states of each). */
    private void appearance(COSBase object, String where) {
        if (object instanceof COSStream stream) {
            push(stream, Kind.XOBJECT, where);
        } else if (object instanceof COSDictionary states) {
            for (Map.Entry<COSName, COSBase> entry : states.entrySet()) {
                push(entry.getValue(), Kind.APPEARANCE, "the appearance /" + entry.getKey().getName() + " of " + where);
            }
        } else {
            throw refused("an appearance that is neither a form nor a dictionary of forms in " + where);
        }
    }

    private static void annotationSubtype(String subtype) {
        if (subtype != null && ANNOTATIONS.contains(subtype)) {
            return;
        }
        String refused = subtype == null ? null : REFUSED_ANNOTATIONS.get(subtype);
        throw refused("an annotation of subtype /" + subtype + (refused == null ? "" : " (" + refused + ")")
                + "; a display form may carry only standard markup and link annotations");
    }

    /** Only going to a place in the document, turning pages, and the mail and phone links an XHTML form may have. */
    private static void action(COSDictionary action) {
        String type = name(action, COSName.S);
        if ("GoTo".equals(type)) {
            return;
        }
        if ("Named".equals(type) && PAGE_ACTIONS.contains(name(action, COSName.N))) {
            return;
        }
        if ("URI".equals(type)) {
            if (PdfDisplayFormSafety.isMailOrPhone(action)) {
                return;
            }
            throw refused("a link to an address outside the document (a /URI action other than mailto: or tel:)");
        }
        throw refused("a /" + type + " action" + (type == null ? "" : switch (type) {
            case "JavaScript" -> " (JavaScript)";
            case "Launch" -> " (starts a program or opens a file)";
            case "SubmitForm", "ImportData", "ResetForm" -> " (form data)";
            case "GoToR", "GoToE" -> " (opens another file)";
            default -> "";
        }) + "; a display form may only link within itself");
    }

    /** A destination: a page and a view, a name, or a dictionary {@code << /D ... >>}; an action goes as one. */
    private void destination(COSBase object, String where) {
        if (object instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                COSBase element = array.get(i);
                // a page reference: the page is judged in the page tree
                if (!(element instanceof COSObject)) {
                    push(element, Kind.DESTINATION, where);
                }
            }
        } else if (object instanceof COSDictionary dictionary) {
            if (dictionary.containsKey(COSName.S)) {
                push(dictionary, Kind.ACTION, where);
                return;
            }
            for (Map.Entry<COSName, COSBase> entry : dictionary.entrySet()) {
                if (!entry.getKey().getName().equals("D")) {
                    throw refused("the key /" + entry.getKey().getName() + " in a destination (" + where + ")");
                }
                push(entry.getValue(), Kind.DESTINATION, where);
            }
        }
    }

    /** The document information dictionary: text, names, numbers and dates only. */
    private static void info(COSBase object) {
        if (!(object instanceof COSDictionary info) || object instanceof COSStream) {
            throw refused("document information that is not a dictionary");
        }
        for (Map.Entry<COSName, COSBase> entry : info.entrySet()) {
            COSBase value = entry.getValue() instanceof COSObject o ? o.getObject() : entry.getValue();
            if (value instanceof COSDictionary || value instanceof COSArray) {
                throw refused("a structured value under /" + entry.getKey().getName() + " in the document information");
            }
        }
    }

    /** Data: any structure, but nothing {@link PdfDisplayFormSafety#FORBIDDEN_KEYS} names and no external stream. */
    private void data(COSBase object, String where) {
        if (!visitedData.add(object)) {
            return;
        }
        if (object instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                push(array.get(i), Kind.DATA, where);
            }
            return;
        }
        if (!(object instanceof COSDictionary dictionary)) {
            return;
        }
        String problem = PdfDisplayFormSafety.problemWith(dictionary);
        if (problem != null) {
            throw refused(problem + " in " + where);
        }
        for (COSBase value : dictionary.getValues()) {
            push(value, Kind.DATA, where);
        }
    }

    /** Page and form content: no PostScript pass-through, which printers would run (PDF/A forbids it). */
    private static void content(COSBase object, String where) {
        PDContentStream content;
        if (object instanceof COSStream stream) {
            content = new PDFormXObject(stream);
        } else if (object instanceof COSDictionary page) {
            content = new PDPage(page);
        } else {
            return;
        }
        try {
            PDFStreamParser parser = new PDFStreamParser(content);
            for (Object token = parser.parseNextToken(); token != null; token = parser.parseNextToken()) {
                if (token instanceof Operator operator && "PS".equals(operator.getName())) {
                    throw refused("a PostScript pass-through (PS operator) in the content of " + where);
                }
            }
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MALFORMED, "The content of " + where
                    + " in the PDF display form cannot be read");
        }
    }

    private static String describe(Kind kind, COSDictionary dictionary, String where) {
        return switch (kind) {
            case TRAILER -> "the trailer";
            case CATALOG -> "the document catalog";
            case PAGE_TREE -> dictionary.containsKey(COSName.KIDS) ? "a page tree node" : "a page";
            case ANNOTATION -> "an annotation";
            case ACTION -> "an action";
            case FONT, FONT_DESCRIPTOR -> "a font";
            case XOBJECT -> "an image or form";
            case RESOURCES -> "the resources of " + where;
            default -> where;
        };
    }

    private static String name(COSDictionary dictionary, COSName key) {
        COSBase value = dictionary.getDictionaryObject(key);
        return value instanceof COSName name ? name.getName() : null;
    }

    private static ArchiveException refused(String construct) {
        return new ArchiveException(ErrorCode.DISPLAY_FORM_UNSAFE, "The PDF display form contains " + construct);
    }
}
