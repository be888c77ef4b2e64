"""Export of a trained encoder: the export folder, model card, ONNX, embeddings and the self-test."""
