"""Export of a trained encoder: the export folder, model card, ONNX, encoder loading, embeddings and the self-test."""
