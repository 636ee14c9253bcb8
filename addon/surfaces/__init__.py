"""Where the user reaches the addon outside its folders: context menus, quick actions, widgets, keymap."""
