"""The finished-page pass: what is done to a page once the engine has made its HTML. Imports the model and pages."""
