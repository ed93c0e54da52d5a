"""Round tables: closed workspaces with their own member group, meetings and
action items.
"""
