package io.vocalhost.rag.extraction;

import java.util.List;

/**
 * The text of an uploaded file, in reading order, with the type found from its content.
 */
public record ExtractedDocument(DocumentType type, List<Section> sections) {
}
