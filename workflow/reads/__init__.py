"""What the interfaces show: read models computed once, with the actor's scope applied (只读视图)."""
