from wasmvet.cli import main

raise SystemExit(main())
