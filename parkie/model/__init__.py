"""The trained model: character encoders, a CRF tagger, a state classifier and a relation scorer."""
