// Release builds on Windows have no console window; the headless CLI is for Linux IT staff and tests.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    std::process::exit(huiwu_lib::main_entry());
}
