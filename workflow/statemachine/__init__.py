"""The school workflow as a state machine (流程): the declaration, the transitions Machine built from it, the guards and effects it runs, and firing an event."""
