from ppid_desktop.app import main

raise SystemExit(main())
