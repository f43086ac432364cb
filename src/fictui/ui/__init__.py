"""The Textual application: screens, widgets and messages."""
