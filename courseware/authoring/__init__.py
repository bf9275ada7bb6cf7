"""For the course's writers: the writing check and blind-pilot sheets. Imports the model."""
