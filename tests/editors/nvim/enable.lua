-- A user's init.lua on Neovim 0.11 without the plugin's setup{}: editors/neovim on the runtime
-- path brings lsp/wasmvet.lua, and vim.lsp.enable starts it for Go buffers.
vim.opt.runtimepath = { os.getenv("WASMVET_PLUGIN"), vim.env.VIMRUNTIME }
vim.opt.packpath = {}
vim.lsp.enable("wasmvet")
