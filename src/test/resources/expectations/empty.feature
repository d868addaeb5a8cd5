Feature: no scenario at all
  Only a description.
