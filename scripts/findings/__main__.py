from findings.cli import main

raise SystemExit(main())
