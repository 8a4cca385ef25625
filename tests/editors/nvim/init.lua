-- A user's init.lua with only the wasmvet plugin: its folder on the runtime path, setup{}.
-- $WASMVET_PLUGIN is editors/neovim; $WASMVET_SETUP (JSON, optional) is setup's argument.
vim.opt.runtimepath = { os.getenv("WASMVET_PLUGIN"), vim.env.VIMRUNTIME }
vim.opt.packpath = {}
local opts = os.getenv("WASMVET_SETUP")
require("wasmvet").setup(opts and vim.fn.json_decode(opts) or {})
