# commands that need a project say how to make one
qcode info
