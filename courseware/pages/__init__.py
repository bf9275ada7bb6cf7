"""The pages the build adds, made from the model. Imports the model."""
