home-title = Live threads
home-no-open = No thread is open right now.
home-last-update = Last update: { $when }
home-last-update-ago = Last update { $ago }
home-closed = Closed threads
feed-all-title = All threads
