def tab_forms(prisoner, user, capabilities):
    return {}
