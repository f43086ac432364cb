"""The screens of the fictui app: main, help, table of contents and modals."""
