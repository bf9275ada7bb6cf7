"""The release: dist/ from a built tree. Imports the model and the finished-page pass, never pages."""
