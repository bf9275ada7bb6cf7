"""The model: the course's sources read once, with their lines, and checked. Imports nothing above it."""
